#pragma once

#include "core/SittingModel.h"
#include "ui/StatusText.h"

#include <QColor>
#include <QDateTime>
#include <QString>

namespace deskbreak::ui {

// What the tray shows, derived from the model's status: a small view-model so
// the look can be tested without a tray.
struct TrayState {
    enum class Look { Sitting, Overload, Due, Snoozed, Paused, Away, OnBreak };

    Look look = Look::Sitting;
    double fill = 0; // 0..1: sitting toward the next break
    QString tooltip;

    // `now`: the local wall clock, for "next break at 14:05". `freshness`: Lasting for the
    // tooltip a tray keeps until the next redraw, Live for one made as it is about to show.
    static TrayState from(const core::SittingModel::Status& status, std::chrono::seconds interval,
                          const QDateTime& now,
                          statustext::Freshness freshness = statustext::Freshness::Lasting);
    // The look's colour: each has at least 3:1 contrast (WCAG, graphics) on light and dark
    // panels alike, so none fades into either.
    QColor colour() const;
    static QColor colour(Look look);
    bool operator==(const TrayState&) const = default;
};

} // namespace deskbreak::ui
