#include "ui/SafetyDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace deskbreak::ui {

SafetyDialog::SafetyDialog(const core::SafetyGuide& guide, QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("safetyDialog"));
    setWindowTitle(tr("Stretch safely"));
    // The break window stays on top; so must its dialog, or it would open behind it.
    setWindowFlag(Qt::WindowStaysOnTopHint);
    resize(460, 620);

    auto* text = new QLabel(toHtml(guide));
    text->setObjectName(QStringLiteral("safetyText"));
    text->setTextFormat(Qt::RichText);
    text->setWordWrap(true);
    text->setAlignment(Qt::AlignTop | Qt::AlignLeft);
    text->setContentsMargins(18, 14, 18, 14);
    text->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* scroll = new QScrollArea;
    scroll->setWidget(text);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close);
    buttons->button(QDialogButtonBox::Close)->setObjectName(QStringLiteral("safetyCloseButton"));
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 14);
    layout->addWidget(scroll, 1);
    auto* buttonRow = new QHBoxLayout;
    buttonRow->setContentsMargins(18, 0, 18, 0);
    buttonRow->addWidget(buttons);
    layout->addLayout(buttonRow);
}

QString SafetyDialog::toHtml(const core::SafetyGuide& guide)
{
    QString html = QStringLiteral("<h3>%1</h3><ul style=\"-qt-list-indent: 1;\">")
                       .arg(tr("How to stretch safely"));
    for (const QString& rule : guide.rules)
        html +=
            QStringLiteral("<li style=\"margin-bottom: 4px;\">%1</li>").arg(rule.toHtmlEscaped());
    html += QStringLiteral("</ul><h3 style=\"margin-top: 16px;\">%1</h3>")
                .arg(tr("See a professional if..."));
    for (const core::SafetyGuide::RedFlag& flag : guide.redFlags)
        html +=
            QStringLiteral("<p style=\"margin-top: 0; margin-bottom: 8px;\"><b>%1</b><br>%2</p>")
                .arg(flag.title.toHtmlEscaped(), flag.text.toHtmlEscaped());
    return html;
}

} // namespace deskbreak::ui
