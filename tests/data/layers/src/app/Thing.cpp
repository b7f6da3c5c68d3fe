#include "app/Thing.h"

#include <sys/stat.h>

int day()
{
    return QDate::currentDate().day();
}
