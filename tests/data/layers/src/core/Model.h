#pragma once
#include "platform/IdleSource.h"
