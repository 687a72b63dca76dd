/*
 * true.c: the large program of the exec benchmarks: glibc's static
 * start-up (TLS, IRELATIVE relocations, stdio) around nothing, about
 * 750 KiB, the size of a typical small static Linux program.
 */
int main(void)
{
	return 0;
}
