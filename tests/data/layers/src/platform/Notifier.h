#pragma once
#include "platform/PlatformFactory.h"
