// expected-no-diagnostics
// A hex constant whose last digit is b keeps it before a suffix (difftest seed 1 found 0x5cfbULL rejected).
_Static_assert(0x5cfbULL == 23803, "b is a hex digit");
_Static_assert(0xbU == 11 && 0xbbLL == 187 && 0xabul == 171, "b before u/l");
unsigned long long big(void) { return 0xda9eb6384b424e4bULL; }
