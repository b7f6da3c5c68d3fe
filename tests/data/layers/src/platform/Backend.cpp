#include "ui/TrayIcon.h"
