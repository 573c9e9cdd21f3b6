// Subscripts of pointers read from preserve_access_index records (CoreRelocationsVsClangTest compares each
// function's relocations with clang-22's). The kernel's preload iterators read aux->func_info[0].type_id, where
// struct bpf_prog_aux has the attribute and struct bpf_func_info (a uapi struct) does not: clang-22 relocates
// the subscript itself, an index-only access "0" on struct bpf_func_info, so the loader scales the index by the
// running kernel's size of the element. So does a subscript of a variable pointing to such a record; a pointer
// taken anywhere else (a local copy, a variable index, an int element) is indexed with this build's sizes.
#define PAI __attribute__((preserve_access_index))
struct func_info { int insn_off; int type_id; };
struct pai_elem { int x; int y; } PAI;
struct prog_aux {
    int id;
    struct func_info *func_info;
    int *ints;
    struct pai_elem *elems;
    struct func_info inline_infos[4];
} PAI;

int first_type_id(struct prog_aux *aux) { return aux->func_info[0].type_id; }
int third_type_id(struct prog_aux *aux) { return aux->func_info[2].type_id; }
long address_of_second(struct prog_aux *aux) { return (long)&aux->func_info[1]; }
int copy_of_fourth(struct prog_aux *aux) { struct func_info f = aux->func_info[3]; return f.insn_off; }
int through_arrow(struct prog_aux *aux) { return aux->func_info->type_id; }
int variable_index(struct prog_aux *aux, int i) { return aux->func_info[i].type_id; }
int int_element(struct prog_aux *aux) { return aux->ints[3]; }
int pai_element(struct prog_aux *aux) { return aux->elems[1].y; }
int inline_array(struct prog_aux *aux) { return aux->inline_infos[2].type_id; }
int local_copy(struct prog_aux *aux) { struct func_info *fi = aux->func_info; return fi[1].type_id; }
int pai_pointer_variable(struct pai_elem *q) { return q[2].y; }
