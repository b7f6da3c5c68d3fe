#pragma once

#include <QString>

namespace deskbreak::ui {

// English ordinal of a positive count: 1st, 2nd, 3rd, 4th, 11th, 12th, 13th, 21st, 112th.
inline QString ordinal(int n)
{
    const int lastTwo = n % 100;
    const char* suffix = "th";
    if (lastTwo < 11 || lastTwo > 13) {
        switch (n % 10) {
        case 1:
            suffix = "st";
            break;
        case 2:
            suffix = "nd";
            break;
        case 3:
            suffix = "rd";
            break;
        default:
            break;
        }
    }
    return QString::number(n) + QLatin1String(suffix);
}

} // namespace deskbreak::ui
