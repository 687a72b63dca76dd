/* The kernel's name and version, shown in the boot banner and uname(2). */
#ifndef BASALT_VERSION_H
#define BASALT_VERSION_H

#define BASALT_NAME	"Basalt"
#define BASALT_RELEASE	"0.1.0"
#define BASALT_BANNER	BASALT_NAME " version " BASALT_RELEASE " (x86_64)"

#endif /* BASALT_VERSION_H */
