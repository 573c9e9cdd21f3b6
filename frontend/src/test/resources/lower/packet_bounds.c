// Packet bounds checks stay pointer compares (the verifier learns ranges from them); ctx fields are loaded at
// constant offsets from the context pointer.
struct xdp_md { unsigned int data; unsigned int data_end; };
struct eth { unsigned char dst[6], src[6]; unsigned short proto; };
int parse(struct xdp_md *ctx) {
    void *data = (void *)(long)ctx->data;
    void *end = (void *)(long)ctx->data_end;
    struct eth *e = data;
    if ((void *)(e + 1) > end) return 1;
    return e->proto == 0x0008;
}
// CHECK-LABEL: define global i32 @parse
// CHECK: ptradd {{%[0-9]+}}, 4
// CHECK: load i32
// CHECK: zext i32 {{%[0-9]+}} to i64
// CHECK: inttoptr i64
// CHECK: ptradd {{%[0-9]+}}, 14
// CHECK: cmp ugt ptr
// OPT-LABEL: define global i32 @parse
// OPT: cmp ugt ptr
