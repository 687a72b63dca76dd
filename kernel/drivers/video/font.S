/*
 * The console font, embedded as is: video.c parses it with psf_parse()
 * at boot. VIDEO_FONT_PATH (kernel/drivers/video/video.mk) names the
 * unpacked PSF file under build/.
 */
	.section .rodata
	.balign 8
	.global video_font_blob, video_font_blob_end
video_font_blob:
	.incbin VIDEO_FONT_PATH
video_font_blob_end:
