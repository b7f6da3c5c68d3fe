#pragma once

#include "core/Routine.h"

#include <QDialog>

namespace deskbreak::ui {

// "Stretch safely": the shipped rules, and the red flags for seeing a professional.
class SafetyDialog : public QDialog {
    Q_OBJECT
public:
    explicit SafetyDialog(const core::SafetyGuide& guide, QWidget* parent = nullptr);

    // The guide as rich text (what the dialog shows).
    static QString toHtml(const core::SafetyGuide& guide);
};

} // namespace deskbreak::ui
