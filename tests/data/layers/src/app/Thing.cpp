#include "app/Thing.h"
#include <sys/stat.h>
