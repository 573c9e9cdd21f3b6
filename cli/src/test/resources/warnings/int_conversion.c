/* -Wint-conversion: an error by default in clang-22, which -Wno-int-conversion drops, -Wno-error=int-conversion
   makes a warning and -w leaves an error. */
int address_as_int(int *p)
{
	int x = p;
	return x;
}
