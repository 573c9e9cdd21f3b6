/*
 * The kernel as the oracle for jbpfc's BTF encoder (compiled by the tests with gcc, run as a child process).
 *
 *   bpf_btf_oracle btf FILE
 *       BPF_BTF_LOAD the raw .BTF bytes in FILE.
 *   bpf_btf_oracle prog BTF INSNS FUNC_INFO LINE_INFO
 *       BPF_BTF_LOAD BTF, then BPF_PROG_LOAD a socket filter made of the 8-byte instructions in INSNS with the
 *       kernel-format func_info (8-byte records) and line_info (16-byte records) arrays, verifier log level 2.
 *
 * Prints "OK" or "FAIL <errno> <message>", then the kernel's log; exits 0 on OK, 1 on FAIL, 2 on a usage or
 * I/O error. Nothing is attached or pinned; the fds close when the process exits.
 */
#include <errno.h>
#include <linux/bpf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static char log_buf[1 << 22];

static void *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *data;
	long n;

	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < 0 || fseek(f, 0, SEEK_SET)) {
		fprintf(stderr, "cannot read %s: %s\n", path, strerror(errno));
		exit(2);
	}
	data = malloc(n ? n : 1);
	if (!data || fread(data, 1, n, f) != (size_t)n) {
		fprintf(stderr, "cannot read %s\n", path);
		exit(2);
	}
	fclose(f);
	*len = n;
	return data;
}

static int sys_bpf(int cmd, union bpf_attr *attr)
{
	return syscall(__NR_bpf, cmd, attr, sizeof(*attr));
}

/* Loads BTF; on failure loads it again with a log so the caller can print why. */
static int load_btf(void *data, size_t len)
{
	union bpf_attr a;
	int fd;

	memset(&a, 0, sizeof(a));
	a.btf = (unsigned long)data;
	a.btf_size = len;
	fd = sys_bpf(BPF_BTF_LOAD, &a);
	if (fd >= 0)
		return fd;
	a.btf_log_buf = (unsigned long)log_buf;
	a.btf_log_size = sizeof(log_buf);
	a.btf_log_level = 1;
	fd = sys_bpf(BPF_BTF_LOAD, &a);
	return fd;
}

static int verdict(int fd)
{
	if (fd >= 0) {
		printf("OK\n%s", log_buf);
		return 0;
	}
	printf("FAIL %d %s\n%s", errno, strerror(errno), log_buf);
	return 1;
}

int main(int argc, char **argv)
{
	size_t btf_len, insns_len, fi_len, li_len;
	void *btf, *insns, *fi, *li;
	union bpf_attr a;
	int btf_fd;

	if (argc == 3 && !strcmp(argv[1], "btf")) {
		btf = read_file(argv[2], &btf_len);
		return verdict(load_btf(btf, btf_len));
	}
	if (argc != 6 || strcmp(argv[1], "prog")) {
		fprintf(stderr, "usage: %s btf FILE | prog BTF INSNS FUNC_INFO LINE_INFO\n", argv[0]);
		return 2;
	}
	btf = read_file(argv[2], &btf_len);
	insns = read_file(argv[3], &insns_len);
	fi = read_file(argv[4], &fi_len);
	li = read_file(argv[5], &li_len);
	btf_fd = load_btf(btf, btf_len);
	if (btf_fd < 0) {
		printf("BTF ");
		return verdict(btf_fd);
	}
	memset(&a, 0, sizeof(a));
	a.prog_type = BPF_PROG_TYPE_SOCKET_FILTER;
	a.insns = (unsigned long)insns;
	a.insn_cnt = insns_len / 8;
	a.license = (unsigned long)"GPL";
	a.log_buf = (unsigned long)log_buf;
	a.log_size = sizeof(log_buf);
	a.log_level = 2;
	a.prog_btf_fd = btf_fd;
	a.func_info_rec_size = 8;
	a.func_info = (unsigned long)fi;
	a.func_info_cnt = fi_len / 8;
	a.line_info_rec_size = 16;
	a.line_info = (unsigned long)li;
	a.line_info_cnt = li_len / 16;
	return verdict(sys_bpf(BPF_PROG_LOAD, &a));
}
