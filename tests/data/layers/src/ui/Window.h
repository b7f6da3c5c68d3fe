#pragma once
#include "platform/Notifier.h"
#include "platform/x11/X11Connection.h"
#include "app/Daemon.h"
