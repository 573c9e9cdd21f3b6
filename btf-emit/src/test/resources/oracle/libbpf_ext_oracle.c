/*
 * libbpf's own .BTF.ext parser as an oracle (compiled by the tests with gcc -lbpf, run as a child process).
 *
 *   libbpf_ext_oracle FILE   btf_ext__new() on the raw .BTF.ext bytes in FILE
 *
 * Prints "OK" or "FAIL <errno>" followed by libbpf's debug messages; exits 0 on OK, 1 on FAIL, 2 on I/O errors.
 */
#include <bpf/btf.h>
#include <bpf/libbpf.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

static int print_all(enum libbpf_print_level level, const char *fmt, va_list args)
{
	return vfprintf(stdout, fmt, args);
}

int main(int argc, char **argv)
{
	struct btf_ext *ext;
	FILE *f;
	char *data;
	long n;

	if (argc != 2 || !(f = fopen(argv[1], "rb")) || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "usage: %s FILE (readable)\n", argv[0]);
		return 2;
	}
	data = malloc(n ? n : 1);
	if (!data || fread(data, 1, n, f) != (size_t)n)
		return 2;
	libbpf_set_print(print_all);
	ext = btf_ext__new((const __u8 *)data, n);
	if (!ext) {
		printf("FAIL %d\n", errno);
		return 1;
	}
	printf("OK\n");
	btf_ext__free(ext);
	return 0;
}
