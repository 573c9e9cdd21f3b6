// Arrays indexed by the counter of libbpf's bpf_for, the way selftests' iters.c does it: bpf_for checks the
// iterator's int against the loop's end, here a size_t (ARRAY_SIZE) or an int read from the packet, and the body
// indexes with that int. The kernel verifier must see the check on the register the body indexes with.
#include <linux/bpf.h>
#include <bpf/bpf_helpers.h>

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))

char _license[] SEC("license") = "GPL";

static int table[64];

static __always_inline int packet_byte(struct xdp_md *ctx, int k)
{
	unsigned char *p = (unsigned char *)(long)ctx->data, *end = (unsigned char *)(long)ctx->data_end;

	if (p + 64 > end)
		return -1;
	return p[k & 63];
}

// A global array filled and summed by two bpf_for loops over ARRAY_SIZE (iters.c's iter_array_fill).
SEC("xdp")
int global_fill(struct xdp_md *ctx)
{
	int i, sum = 0, seed = packet_byte(ctx, 0);

	if (seed < 0)
		return 0;
	bpf_for(i, 0, ARRAY_SIZE(table)) {
		table[i] = i * seed;
	}
	bpf_for(i, 0, ARRAY_SIZE(table)) {
		sum += table[i] ^ i;
	}
	return sum;
}

// Two stack arrays, continue and break in the first loop (iters.c's iter_stack_array_loop).
SEC("xdp")
int stack_break_continue(struct xdp_md *ctx)
{
	long odd[16] = {}, even[16] = {};
	int i, sum = 0, b = packet_byte(ctx, 1);

	if (b < 0)
		return 0;
	bpf_for(i, 0, ARRAY_SIZE(odd)) {
		if ((i + b) & 1) {
			odd[i] = i + b;
			continue;
		}
		even[i] = i * b;
		if (i > (b & 7))
			break;
	}
	bpf_for(i, 0, ARRAY_SIZE(odd)) {
		sum += odd[i] + 3 * even[i];
	}
	return sum;
}

// The end is an int from the packet, checked once against the array's size before the loop and never again in
// the body (iters.c's iter_arr_with_actual_elem_count).
SEC("xdp")
int element_count(struct xdp_md *ctx)
{
	int data[32];
	int i, n = packet_byte(ctx, 2) - 100, seed = packet_byte(ctx, 3), sum = 0;

	if (n > (int)ARRAY_SIZE(data) || seed < 0)
		return 0;
	bpf_for(i, 0, ARRAY_SIZE(data)) {
		data[i] = (seed ^ i) + i;
	}
	if (n > ARRAY_SIZE(data))
		return 1;
	bpf_for(i, 0, n) {
		sum += data[i];
	}
	return sum + n;
}

static int grid[4][5];
static int row_sums[4];

// The outer counter indexes inside the inner loop (iters.c's iter_nested_iters): the element address of the row
// is computed before the inner loop, where the verifier keeps a pointer's bounds across iterations.
SEC("xdp")
int nested_rows(struct xdp_md *ctx)
{
	int row, col, sum = 0, seed = packet_byte(ctx, 4);

	if (seed < 0)
		return 0;
	bpf_for(row, 0, ARRAY_SIZE(grid)) {
		bpf_for(col, 0, ARRAY_SIZE(grid[0])) {
			grid[row][col] = row * col + seed;
		}
	}
	bpf_for(row, 0, ARRAY_SIZE(grid)) {
		row_sums[row] = 0;
		bpf_for(col, 0, ARRAY_SIZE(grid[0])) {
			sum += grid[row][col];
			row_sums[row] += grid[row][col] ^ col;
		}
	}
	bpf_for(row, 0, ARRAY_SIZE(grid)) {
		sum = sum * 3 + row_sums[row];
	}
	return sum;
}
