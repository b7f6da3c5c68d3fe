#pragma once

#include "core/SittingModel.h"

#include <QColor>
#include <QString>

namespace deskbreak::ui {

// What the tray shows, derived from the model's status: a small view-model so
// the look can be tested without a tray.
struct TrayState {
    enum class Look { Sitting, Overload, Due, Snoozed, Paused, Away, OnBreak };

    Look look = Look::Sitting;
    double fill = 0; // 0..1: sitting toward the next break
    QString tooltip;

    static TrayState from(const core::SittingModel::Status& status, std::chrono::seconds interval);
    QColor colour() const;
    bool operator==(const TrayState&) const = default;
};

} // namespace deskbreak::ui
