#include "ui/PathDialog.h"

#include <QClipboard>
#include <QDialogButtonBox>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace deskbreak::ui {

PathDialog::PathDialog(const QString& title, const QString& text, const QString& path,
                       QWidget* parent)
    : QDialog(parent)
{
    setObjectName(QStringLiteral("pathDialog"));
    setWindowTitle(title);
    auto* label = new QLabel(text, this);
    label->setObjectName(QStringLiteral("pathText"));
    label->setWordWrap(true);
    m_path = new QLineEdit(path, this);
    m_path->setObjectName(QStringLiteral("path"));
    m_path->setReadOnly(true);
    m_path->setMinimumWidth(m_path->fontMetrics().horizontalAdvance(path) + 24);
    m_path->selectAll();
    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton* copy = buttons->addButton(tr("Copy path"), QDialogButtonBox::ActionRole);
    copy->setObjectName(QStringLiteral("copyPath"));
    connect(copy, &QPushButton::clicked, this, [this, copy] {
        QGuiApplication::clipboard()->setText(m_path->text());
        copy->setText(tr("Copied"));
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    auto* layout = new QVBoxLayout(this);
    layout->setSizeConstraint(QLayout::SetFixedSize);
    layout->addWidget(label);
    layout->addWidget(m_path);
    layout->addWidget(buttons);
    copy->setDefault(true);
    copy->setFocus();
}

QString PathDialog::path() const
{
    return m_path->text();
}

} // namespace deskbreak::ui
