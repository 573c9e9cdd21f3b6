// -include files are read before the main file, after the -D and -U options, whatever their order.
// FLAGS: -include %S/cmdline-inc.h -DFROM_CMDLINE=7
main_file FROM_INCLUDE
// EXPECT: included 7 main_file ( 7 + 1 )
