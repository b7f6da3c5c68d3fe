#pragma once
#include "app/Daemon.h"
#include "platform/Notifier.h"
#include "platform/x11/X11Connection.h"
