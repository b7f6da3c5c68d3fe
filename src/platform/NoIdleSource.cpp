#include "platform/NoIdleSource.h"
