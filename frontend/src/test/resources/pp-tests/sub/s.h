#include "q.h"
sub_includes
