/*
 * bpfrun: the kernel oracle's hands. Loads BPF programs from an ELF object with libbpf, one program at a time,
 * and reports what the verifier said, or runs one program with BPF_PROG_TEST_RUN. Output is JSON, one object per
 * line on stdout, read by dev.jbpfc.testsuite.oracle.KernelOracle. The Java side compiles this file with gcc
 * against libbpf (scripts/build-libbpf.sh) and caches the binary by content hash.
 *
 *   bpfrun verify     OBJ PROG   [--log-level N] [--log-size BYTES]
 *   bpfrun verify-all OBJ        [--log-level N] [--log-size BYTES]
 *   bpfrun probe                 (can this process create a map and load a program? for OracleRequirement)
 *   bpfrun features              (what this kernel allows: map and program types, trampolines; KernelFeatures)
 *   bpfrun run        OBJ PROG   [--data-in HEX] [--ctx-in HEX] [--repeat N] [--data-out-size N]
 *                                [--map NAME=KEYHEX:VALUEHEX]... [--max-entries N]
 *
 * Example: `bpfrun verify xdp.o xdp_pass` prints
 *   {"prog":"xdp_pass","section":"xdp","type":"xdp","loaded":true,"verified":true,"errno":0,"insns":2,"processed":2,
 *    "log":["func#0 @0","0: R1=ctx() R10=fp0","0: (b7) r0 = 2 ...",...,"processed 2 insns (limit 1000000) ..."],
 *    "libbpf_error":""}
 *
 * Why one program per load: a program's verdict must not depend on its neighbours in the object (one rejected
 * program makes libbpf fail the whole object). Every other program gets autoload off; the object is reopened for
 * each program so no state leaks from one load to the next. Maps are created because programs reference them;
 * pinning is switched off so nothing is left in /sys/fs/bpf. Nothing is ever attached.
 *
 * Why the retry: since Linux 6.4 a verifier log that does not fit the buffer makes the load fail with ENOSPC even
 * when the program is fine. The log is rotating, so the buffer then holds the log's last part; the tool keeps
 * that tail and loads again with log level 4 (statistics only, a few lines) to learn the verdict.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <bpf/bpf.h>
#include <bpf/libbpf.h>

#define TAIL_LINES 30
#define MAX_MAP_FILLS 256

/* ---------- output helpers ---------- */

static void json_str(FILE *f, const char *s, size_t n)
{
	fputc('"', f);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\')
			fprintf(f, "\\%c", c);
		else if (c == '\n')
			fputs("\\n", f);
		else if (c == '\t')
			fputs("\\t", f);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(f, "\\u%04x", c); /* non-ASCII bytes as Latin-1 code points: lossless, always valid JSON */
		else
			fputc(c, f);
	}
	fputc('"', f);
}

static void json_cstr(FILE *f, const char *s)
{
	json_str(f, s ? s : "", s ? strlen(s) : 0);
}

static void json_hex(FILE *f, const void *p, size_t n)
{
	const unsigned char *b = p;
	fputc('"', f);
	for (size_t i = 0; i < n; i++)
		fprintf(f, "%02x", b[i]);
	fputc('"', f);
}

static void usage(void)
{
	fprintf(stderr,
		"usage: bpfrun probe\n"
		"       bpfrun features\n"
		"       bpfrun verify OBJ PROG [--log-level N] [--log-size BYTES]\n"
		"       bpfrun verify-all OBJ [--log-level N] [--log-size BYTES]\n"
		"       bpfrun run OBJ PROG [--data-in HEX] [--ctx-in HEX] [--repeat N] [--data-out-size N]\n"
		"                           [--map NAME=KEYHEX:VALUEHEX]... [--max-entries N]\n");
	exit(2);
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9') return c - '0';
	if (c >= 'a' && c <= 'f') return c - 'a' + 10;
	if (c >= 'A' && c <= 'F') return c - 'A' + 10;
	return -1;
}

/* Parses n hex digits (n even) into a fresh buffer; returns NULL on a malformed string. */
static unsigned char *parse_hex(const char *s, size_t n, size_t *len)
{
	if (n % 2)
		return NULL;
	unsigned char *b = malloc(n / 2 + 1);
	for (size_t i = 0; i < n; i += 2) {
		int hi = hexval(s[i]), lo = hexval(s[i + 1]);
		if (hi < 0 || lo < 0) {
			free(b);
			return NULL;
		}
		b[i / 2] = (unsigned char)(hi << 4 | lo);
	}
	*len = n / 2;
	return b;
}

/* ---------- libbpf's own messages ---------- */

/* libbpf reports why it gave up (a missing attach target, a bad relocation, a map it cannot create) through its
 * print callback, not the verifier log. Keep the warnings of the current load, without any log dump. */
static char libbpf_msgs[4096];
static size_t libbpf_msgs_len;
static bool libbpf_verbose;
/* "prog 'NAME': failed to load" for the program being loaded: libbpf prints it when the kernel (or libbpf's own
 * preparation) refused the program, and not when the program got its fd but a later step of the object load
 * failed. */
static char refused_needle[300];
static bool refused_seen;

static int on_libbpf_print(enum libbpf_print_level level, const char *fmt, va_list ap)
{
	char line[1024];
	va_list copy;
	va_copy(copy, ap);
	vsnprintf(line, sizeof(line), fmt, copy);
	va_end(copy);
	if (libbpf_verbose)
		fputs(line, stderr);
	if (level != LIBBPF_WARN)
		return 0;
	if (refused_needle[0] && strstr(line, refused_needle))
		refused_seen = true;
	char *dump = strstr(line, "-- BEGIN PROG LOAD LOG --");
	if (dump)
		*dump = '\0';
	size_t n = strlen(line);
	if (libbpf_msgs_len + n + 1 < sizeof(libbpf_msgs)) {
		memcpy(libbpf_msgs + libbpf_msgs_len, line, n);
		libbpf_msgs_len += n;
		libbpf_msgs[libbpf_msgs_len] = '\0';
	}
	return 0;
}

static void reset_libbpf_msgs(void)
{
	libbpf_msgs_len = 0;
	libbpf_msgs[0] = '\0';
	refused_seen = false;
}

/* ---------- the verifier log ---------- */

/* The last "processed N insns" in the log, or -1. 6.x prints
 *   "processed 12 insns (limit 1000000) max_states_per_insn 0 total_states 1 peak_states 1 mark_read 0"
 * older kernels printed "processed 12 insns, stack depth 0"; both start the same way. */
static long processed_insns(const char *log)
{
	long found = -1;
	for (const char *p = log; (p = strstr(p, "processed ")) != NULL; p++) {
		const char *d = p + strlen("processed ");
		char *end;
		if (*d < '0' || *d > '9')
			continue;
		long v = strtol(d, &end, 10);
		if (strncmp(end, " insns", 6) == 0)
			found = v;
	}
	return found;
}

/* Prints the last TAIL_LINES non-empty lines of the log as a JSON array. */
static void json_log_tail(FILE *f, const char *log)
{
	size_t n = strlen(log);
	while (n > 0 && (log[n - 1] == '\n' || log[n - 1] == '\0'))
		n--;
	size_t start = n;
	int lines = 0;
	while (start > 0) {
		if (log[start - 1] == '\n' && ++lines == TAIL_LINES)
			break;
		start--;
	}
	fputc('[', f);
	bool first = true;
	const char *p = log + start, *end = log + n;
	while (p < end) {
		const char *nl = memchr(p, '\n', end - p);
		size_t len = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (len > 0) {
			if (!first)
				fputc(',', f);
			json_str(f, p, len > 2000 ? 2000 : len);
			first = false;
		}
		p += len + 1;
	}
	fputc(']', f);
}

/* ---------- loading one program ---------- */

struct options {
	__u32 log_level;
	size_t log_size;
	const char *data_in_hex, *ctx_in_hex;
	int repeat;
	__u32 data_out_size;
	const char *fills[MAX_MAP_FILLS];
	int nfills;
	long max_entries;
};

struct load {
	struct bpf_object *obj;
	struct bpf_program *prog;
	bool loaded;      /* the whole (one-program) object load succeeded */
	bool verified;    /* the kernel accepted the program, even if libbpf failed a later step of the object load
	                   * (e.g. filling a prog array's initial slots with programs whose autoload is off) */
	int err;          /* errno of the failed load, 0 when loaded */
	long processed;   /* from the verifier log, -1 when absent */
	bool log_truncated;
	const char *open_error;
};

static char *log_buf;
static char *stats_buf;
#define STATS_SIZE (64 * 1024)

static struct bpf_program *find_prog(struct bpf_object *obj, const char *name)
{
	struct bpf_program *p = bpf_object__find_program_by_name(obj, name);
	if (p)
		return p;
	bpf_object__for_each_program(p, obj)
		if (strcmp(bpf_program__section_name(p), name) == 0)
			return p;
	return NULL;
}

static struct bpf_object *open_obj(const char *path, const char **error)
{
	struct bpf_object *obj = bpf_object__open_file(path, NULL);
	long e = libbpf_get_error(obj);
	if (e) {
		static char msg[512], why[256];
		libbpf_strerror((int)e, why, sizeof(why)); /* knows libbpf's own codes (4001: "bad ELF format") */
		snprintf(msg, sizeof(msg), "cannot open %s: %s", path, why);
		*error = msg;
		return NULL;
	}
	struct bpf_map *m;
	bpf_object__for_each_map(m, obj)
		bpf_map__set_pin_path(m, NULL); /* LIBBPF_PIN_BY_NAME maps would otherwise be pinned under /sys/fs/bpf */
	return obj;
}

/* Opens OBJ, keeps only program `name`, loads. On return ld->obj is open (or NULL if opening failed). */
static void load_one(const char *path, const char *name, const struct options *o, struct load *ld)
{
	memset(ld, 0, sizeof(*ld));
	ld->processed = -1;
	reset_libbpf_msgs();
	ld->obj = open_obj(path, &ld->open_error);
	if (!ld->obj)
		return;
	ld->prog = find_prog(ld->obj, name);
	if (!ld->prog) {
		ld->open_error = "no such program in the object";
		return;
	}
	struct bpf_program *p;
	bpf_object__for_each_program(p, ld->obj)
		bpf_program__set_autoload(p, p == ld->prog);
	snprintf(refused_needle, sizeof(refused_needle), "prog '%s': failed to load", bpf_program__name(ld->prog));
	log_buf[0] = '\0';
	bpf_program__set_log_buf(ld->prog, log_buf, o->log_size);
	bpf_program__set_log_level(ld->prog, o->log_level);
	int err = bpf_object__load(ld->obj);
	ld->processed = processed_insns(log_buf);
	if (err == -ENOSPC || (err && errno == ENOSPC)) {
		/* The log did not fit: log_buf holds its tail. Load again with statistics only for the verdict. */
		ld->log_truncated = true;
		bpf_object__close(ld->obj);
		reset_libbpf_msgs();
		ld->obj = open_obj(path, &ld->open_error);
		if (!ld->obj)
			return;
		ld->prog = find_prog(ld->obj, name);
		bpf_object__for_each_program(p, ld->obj)
			bpf_program__set_autoload(p, p == ld->prog);
		stats_buf[0] = '\0';
		bpf_program__set_log_buf(ld->prog, stats_buf, STATS_SIZE);
		bpf_program__set_log_level(ld->prog, 4);
		err = bpf_object__load(ld->obj);
		ld->processed = processed_insns(stats_buf);
		/* Append the statistics to the tail so the printed lines end with them. */
		static const char sep[] = "\n-- log truncated; verdict from a second load at log level 4: --\n";
		size_t have = strlen(log_buf), add = strlen(stats_buf), extra = add + sizeof(sep);
		if (have + extra > o->log_size) {
			size_t keep = o->log_size > extra ? o->log_size - extra : 0;
			if (keep < have) {
				memmove(log_buf, log_buf + have - keep, keep);
				have = keep;
			}
		}
		memcpy(log_buf + have, sep, sizeof(sep) - 1);
		memcpy(log_buf + have + sizeof(sep) - 1, stats_buf, add + 1);
	}
	ld->loaded = err == 0;
	ld->verified = ld->loaded || (!refused_seen && ld->processed >= 0);
	ld->err = err ? (err < 0 ? -err : errno) : 0;
}

static void print_load(FILE *f, const char *name, const struct load *ld, bool close_object)
{
	fputs("{\"prog\":", f);
	json_cstr(f, ld->prog ? bpf_program__name(ld->prog) : name);
	if (ld->prog) {
		fputs(",\"section\":", f);
		json_cstr(f, bpf_program__section_name(ld->prog));
		fputs(",\"type\":", f);
		json_cstr(f, libbpf_bpf_prog_type_str(bpf_program__type(ld->prog)));
	}
	fprintf(f, ",\"loaded\":%s,\"verified\":%s,\"errno\":%d", ld->loaded ? "true" : "false",
		ld->verified ? "true" : "false", ld->open_error ? 0 : ld->err);
	char why[256] = "";
	if (!ld->open_error && ld->err)
		libbpf_strerror(-ld->err, why, sizeof(why));
	fputs(",\"error\":", f);
	json_cstr(f, ld->open_error ? ld->open_error : why);
	if (ld->prog && !ld->open_error)
		fprintf(f, ",\"insns\":%zu", bpf_program__insn_cnt(ld->prog));
	if (ld->processed >= 0)
		fprintf(f, ",\"processed\":%ld", ld->processed);
	else
		fputs(",\"processed\":null", f);
	fprintf(f, ",\"log_truncated\":%s,\"log\":", ld->log_truncated ? "true" : "false");
	if (ld->open_error)
		fputs("[]", f);
	else
		json_log_tail(f, log_buf);
	fputs(",\"libbpf_error\":", f);
	json_str(f, libbpf_msgs, libbpf_msgs_len);
	if (close_object)
		fputs("}\n", f);
}

/* ---------- maps ---------- */

static bool dumpable(enum bpf_map_type t)
{
	switch (t) {
	case BPF_MAP_TYPE_ARRAY:
	case BPF_MAP_TYPE_HASH:
	case BPF_MAP_TYPE_LRU_HASH:
	case BPF_MAP_TYPE_PERCPU_ARRAY:
	case BPF_MAP_TYPE_PERCPU_HASH:
	case BPF_MAP_TYPE_LRU_PERCPU_HASH:
		return true;
	default:
		return false;
	}
}

static bool percpu(enum bpf_map_type t)
{
	return t == BPF_MAP_TYPE_PERCPU_ARRAY || t == BPF_MAP_TYPE_PERCPU_HASH || t == BPF_MAP_TYPE_LRU_PERCPU_HASH;
}

/* Full size of a lookup's value: per-CPU maps return one 8-byte-aligned slot per possible CPU. */
static size_t value_buf_size(const struct bpf_map *m)
{
	size_t v = bpf_map__value_size(m);
	if (percpu(bpf_map__type(m)))
		return ((v + 7) / 8 * 8) * (size_t)libbpf_num_possible_cpus();
	return v;
}

/* NAME=KEYHEX:VALUEHEX. Returns an error message or NULL. */
static const char *fill_map(struct bpf_object *obj, const char *spec)
{
	static char msg[512];
	const char *eq = strchr(spec, '='), *colon = eq ? strchr(eq, ':') : NULL;
	if (!eq || !colon) {
		snprintf(msg, sizeof(msg), "--map %s: expected NAME=KEYHEX:VALUEHEX", spec);
		return msg;
	}
	char name[256];
	snprintf(name, sizeof(name), "%.*s", (int)(eq - spec), spec);
	struct bpf_map *m = bpf_object__find_map_by_name(obj, name);
	if (!m) {
		snprintf(msg, sizeof(msg), "--map %s: no map named '%s'", spec, name);
		return msg;
	}
	size_t klen, vlen;
	unsigned char *key = parse_hex(eq + 1, colon - eq - 1, &klen);
	unsigned char *val = parse_hex(colon + 1, strlen(colon + 1), &vlen);
	const char *res = NULL;
	if (!key || !val) {
		snprintf(msg, sizeof(msg), "--map %s: malformed hex", spec);
		res = msg;
	} else if (klen != bpf_map__key_size(m) || vlen != value_buf_size(m)) {
		snprintf(msg, sizeof(msg), "--map %s: key is %zu bytes, value %zu; map '%s' wants %u and %zu", spec,
			 klen, vlen, name, bpf_map__key_size(m), value_buf_size(m));
		res = msg;
	} else if (bpf_map__update_elem(m, key, klen, val, vlen, BPF_ANY)) {
		snprintf(msg, sizeof(msg), "--map %s: update failed: %s", spec, strerror(errno));
		res = msg;
	}
	free(key);
	free(val);
	return res;
}

static void json_maps(FILE *f, struct bpf_object *obj, long max_entries)
{
	struct bpf_map *m;
	bool first = true;
	fputc('[', f);
	bpf_object__for_each_map(m, obj) {
		enum bpf_map_type t = bpf_map__type(m);
		if (!dumpable(t) || bpf_map__fd(m) < 0)
			continue;
		if (!first)
			fputc(',', f);
		first = false;
		size_t ks = bpf_map__key_size(m), vs = value_buf_size(m);
		fputs("{\"name\":", f);
		json_cstr(f, bpf_map__name(m));
		fputs(",\"type\":", f);
		json_cstr(f, libbpf_bpf_map_type_str(t));
		fprintf(f, ",\"key_size\":%zu,\"value_size\":%u,\"percpu\":%s,\"entries\":[", ks,
			bpf_map__value_size(m), percpu(t) ? "true" : "false");
		unsigned char *key = calloc(1, ks + 1), *next = calloc(1, ks + 1), *val = calloc(1, vs + 1);
		long count = 0;
		bool truncated = false;
		int fd = bpf_map__fd(m);
		void *prev = NULL;
		while (bpf_map_get_next_key(fd, prev, next) == 0) {
			if (count == max_entries) {
				truncated = true;
				break;
			}
			memcpy(key, next, ks);
			prev = key;
			if (bpf_map_lookup_elem(fd, key, val) != 0)
				continue;
			fprintf(f, "%s{\"key\":", count ? "," : "");
			json_hex(f, key, ks);
			fputs(",\"value\":", f);
			json_hex(f, val, vs);
			fputc('}', f);
			count++;
		}
		fprintf(f, "],\"truncated\":%s}", truncated ? "true" : "false");
		free(key);
		free(next);
		free(val);
	}
	fputc(']', f);
}

/* ---------- subcommands ---------- */

/* Creates a one-entry array map and loads "r0 = 0; exit" as a socket filter: proves the bpf syscall works and
 * this process may use it, without any object file. */
static int cmd_probe(void)
{
	int map = bpf_map_create(BPF_MAP_TYPE_ARRAY, "jbpfc_probe", 4, 4, 1, NULL);
	int map_errno = map < 0 ? errno : 0;
	struct bpf_insn insns[] = {
		{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
		{ .code = BPF_JMP | BPF_EXIT },
	};
	int prog = bpf_prog_load(BPF_PROG_TYPE_SOCKET_FILTER, "jbpfc_probe", "GPL", insns, 2, NULL);
	int prog_errno = prog < 0 ? errno : 0;
	printf("{\"bpf_syscall\":%s,\"map_error\":", map >= 0 && prog >= 0 ? "true" : "false");
	json_cstr(stdout, map_errno ? strerror(map_errno) : "");
	fputs(",\"prog_error\":", stdout);
	json_cstr(stdout, prog_errno ? strerror(prog_errno) : "");
	printf(",\"libbpf_version\":\"%u.%u\"}\n", libbpf_major_version(), libbpf_minor_version());
	return 0;
}

/* What this kernel allows, for explaining why a program does not load here: every map type and program type
 * libbpf can probe (true, or the errno's name), and whether a trampoline program (fentry) loads. Machines of one
 * kind differ in exactly these (arena maps refused with EPERM on some). Nothing is attached, nothing pinned. */
static void json_probe_result(FILE *f, int r)
{
	if (r == 1)
		fputs("true", f);
	else
		json_cstr(f, r == 0 ? "unsupported" : strerror(-r));
}

static int cmd_features(void)
{
	printf("{\"libbpf_version\":\"%u.%u\",\"map_types\":{", libbpf_major_version(), libbpf_minor_version());
	bool first = true;
	for (int t = 1; t < 64; t++) {
		const char *name = libbpf_bpf_map_type_str((enum bpf_map_type)t);
		if (!name)
			break;
		int r = libbpf_probe_bpf_map_type((enum bpf_map_type)t, NULL);
		if (r == -EOPNOTSUPP)
			continue; /* libbpf cannot probe this type: say nothing rather than guess */
		printf("%s\"%s\":", first ? "" : ",", name);
		json_probe_result(stdout, r);
		first = false;
	}
	fputs("},\"prog_types\":{", stdout);
	first = true;
	for (int t = 1; t < 64; t++) {
		const char *name = libbpf_bpf_prog_type_str((enum bpf_prog_type)t);
		if (!name)
			break;
		int r = libbpf_probe_bpf_prog_type((enum bpf_prog_type)t, NULL);
		if (r == -EOPNOTSUPP)
			continue;
		printf("%s\"%s\":", first ? "" : ",", name);
		json_probe_result(stdout, r);
		first = false;
	}
	/* libbpf's probe says only yes or no; the arena's errno tells a kernel without arenas from one that refuses
	 * them to this process (EPERM on some machines of the same kind). 33 = BPF_MAP_TYPE_ARENA (Linux 6.9). */
	LIBBPF_OPTS(bpf_map_create_opts, ao, .map_flags = 1U << 10 /* BPF_F_MMAPABLE */);
	int arena = bpf_map_create((enum bpf_map_type)33, "jbpfc_arena", 0, 0, 1, &ao);
	fputs("},\"arena\":", stdout);
	if (arena >= 0) {
		fputs("true", stdout);
		close(arena);
	} else {
		json_cstr(stdout, strerror(errno));
	}
	/* A trampoline: fentry on a kernel function that exists for BPF's own tests. Loading (not attaching) needs
	 * the kernel's BTF and trampoline support in the verifier. */
	int id = libbpf_find_vmlinux_btf_id("bpf_fentry_test1", BPF_TRACE_FENTRY);
	fputs(",\"fentry\":", stdout);
	if (id < 0) {
		json_cstr(stdout, "no bpf_fentry_test1 in the kernel's BTF");
	} else {
		struct bpf_insn insns[] = {
			{ .code = BPF_ALU64 | BPF_MOV | BPF_K, .dst_reg = BPF_REG_0, .imm = 0 },
			{ .code = BPF_JMP | BPF_EXIT },
		};
		LIBBPF_OPTS(bpf_prog_load_opts, lo, .expected_attach_type = BPF_TRACE_FENTRY, .attach_btf_id = id);
		int fd = bpf_prog_load(BPF_PROG_TYPE_TRACING, "jbpfc_fentry", "GPL", insns, 2, &lo);
		if (fd >= 0) {
			fputs("true", stdout);
			close(fd);
		} else {
			json_cstr(stdout, strerror(errno));
		}
	}
	fputs("}\n", stdout);
	return 0;
}

static int cmd_verify(const char *obj, const char *prog, const struct options *o)
{
	struct load ld;
	load_one(obj, prog, o, &ld);
	print_load(stdout, prog, &ld, true);
	bpf_object__close(ld.obj);
	return 0;
}

static int cmd_verify_all(const char *path, const struct options *o)
{
	const char *error = NULL;
	reset_libbpf_msgs();
	struct bpf_object *obj = open_obj(path, &error);
	if (!obj) {
		fputs("{\"object\":", stdout);
		json_cstr(stdout, path);
		fputs(",\"open_error\":", stdout);
		json_cstr(stdout, error);
		fputs(",\"libbpf_error\":", stdout);
		json_str(stdout, libbpf_msgs, libbpf_msgs_len);
		fputs("}\n", stdout);
		return 0;
	}
	/* Names first, then one fresh object per program. */
	size_t n = 0, cap = 16;
	char **names = malloc(cap * sizeof(*names));
	struct bpf_program *p;
	bpf_object__for_each_program(p, obj) {
		if (n == cap)
			names = realloc(names, (cap *= 2) * sizeof(*names));
		names[n++] = strdup(bpf_program__name(p));
	}
	bpf_object__close(obj);
	for (size_t i = 0; i < n; i++) {
		cmd_verify(path, names[i], o);
		fflush(stdout);
		free(names[i]);
	}
	free(names);
	return 0;
}

static int cmd_run(const char *path, const char *name, const struct options *o)
{
	struct load ld;
	load_one(path, name, o, &ld);
	print_load(stdout, name, &ld, false);
	if (!ld.loaded) {
		fputs("}\n", stdout);
		bpf_object__close(ld.obj);
		return 0;
	}
	const char *problem = NULL;
	for (int i = 0; i < o->nfills && !problem; i++)
		problem = fill_map(ld.obj, o->fills[i]);
	size_t data_len = 0, ctx_len = 0;
	unsigned char *data = NULL, *ctx = NULL;
	if (!problem && o->data_in_hex && !(data = parse_hex(o->data_in_hex, strlen(o->data_in_hex), &data_len)))
		problem = "--data-in: malformed hex";
	if (!problem && o->ctx_in_hex && !(ctx = parse_hex(o->ctx_in_hex, strlen(o->ctx_in_hex), &ctx_len)))
		problem = "--ctx-in: malformed hex";
	if (problem) {
		fputs(",\"run_error\":", stdout);
		json_cstr(stdout, problem);
		fputs("}\n", stdout);
		bpf_object__close(ld.obj);
		return 0;
	}
	/* Outputs are requested only for the inputs given: some program types (tracing, raw_tp) reject any
	 * data or ctx buffer they do not use. */
	__u32 data_out_cap = o->data_out_size ? o->data_out_size : (__u32)data_len + 4096;
	unsigned char *data_out = data ? calloc(1, data_out_cap) : NULL;
	unsigned char *ctx_out = ctx ? calloc(1, ctx_len + 4096) : NULL;
	LIBBPF_OPTS(bpf_test_run_opts, t,
		.data_in = data, .data_size_in = (__u32)data_len,
		.data_out = data_out, .data_size_out = data ? data_out_cap : 0,
		.ctx_in = ctx, .ctx_size_in = (__u32)ctx_len,
		.ctx_out = ctx_out, .ctx_size_out = ctx ? (__u32)ctx_len + 4096 : 0,
		.repeat = o->repeat);
	int err = bpf_prog_test_run_opts(bpf_program__fd(ld.prog), &t);
	int run_errno = err ? (err < 0 ? -err : errno) : 0;
	fprintf(stdout, ",\"ran\":%s,\"run_errno\":%d,\"run_error\":", err ? "false" : "true", run_errno);
	json_cstr(stdout, run_errno ? strerror(run_errno) : "");
	fprintf(stdout, ",\"retval\":%u,\"duration_ns\":%u", t.retval, t.duration);
	fputs(",\"data_out\":", stdout);
	if (data_out && !err)
		json_hex(stdout, data_out, t.data_size_out < data_out_cap ? t.data_size_out : data_out_cap);
	else
		fputs("null", stdout);
	fputs(",\"ctx_out\":", stdout);
	if (ctx_out && !err)
		json_hex(stdout, ctx_out, t.ctx_size_out < ctx_len + 4096 ? t.ctx_size_out : ctx_len + 4096);
	else
		fputs("null", stdout);
	fputs(",\"maps\":", stdout);
	json_maps(stdout, ld.obj, o->max_entries);
	fputs("}\n", stdout);
	free(data);
	free(ctx);
	free(data_out);
	free(ctx_out);
	bpf_object__close(ld.obj);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && strcmp(argv[1], "probe") == 0)
		return cmd_probe();
	if (argc == 2 && strcmp(argv[1], "features") == 0)
		return cmd_features();
	if (argc < 3)
		usage();
	const char *cmd = argv[1];
	int positional = strcmp(cmd, "verify-all") == 0 ? 1 : 2;
	if (strcmp(cmd, "verify") && strcmp(cmd, "verify-all") && strcmp(cmd, "run"))
		usage();
	if (argc < 2 + positional)
		usage();
	struct options o = { .log_level = 1 | 4, .log_size = 32u << 20, .repeat = 1, .max_entries = 4096 };
	for (int i = 2 + positional; i < argc; i++) {
		const char *a = argv[i];
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(a, "--verbose") == 0) {
			libbpf_verbose = true;
			continue;
		}
		if (!v)
			usage();
		i++;
		if (strcmp(a, "--log-level") == 0)
			o.log_level = (__u32)strtoul(v, NULL, 0);
		else if (strcmp(a, "--log-size") == 0)
			o.log_size = strtoul(v, NULL, 0);
		else if (strcmp(a, "--data-in") == 0)
			o.data_in_hex = v;
		else if (strcmp(a, "--ctx-in") == 0)
			o.ctx_in_hex = v;
		else if (strcmp(a, "--repeat") == 0)
			o.repeat = atoi(v);
		else if (strcmp(a, "--data-out-size") == 0)
			o.data_out_size = (__u32)strtoul(v, NULL, 0);
		else if (strcmp(a, "--max-entries") == 0)
			o.max_entries = strtol(v, NULL, 0);
		else if (strcmp(a, "--map") == 0 && o.nfills < MAX_MAP_FILLS)
			o.fills[o.nfills++] = v;
		else
			usage();
	}
	if (o.log_size < 4096)
		o.log_size = 4096;
	log_buf = malloc(o.log_size);
	stats_buf = malloc(STATS_SIZE);
	if (!log_buf || !stats_buf) {
		fprintf(stderr, "bpfrun: out of memory for the log buffer\n");
		return 1;
	}
	libbpf_set_strict_mode(LIBBPF_STRICT_ALL);
	libbpf_set_print(on_libbpf_print);
	if (strcmp(cmd, "verify-all") == 0)
		return cmd_verify_all(argv[2], &o);
	if (strcmp(cmd, "verify") == 0)
		return cmd_verify(argv[2], argv[3], &o);
	return cmd_run(argv[2], argv[3], &o);
}
