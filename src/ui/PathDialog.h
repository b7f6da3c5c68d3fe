#pragma once

#include <QDialog>

class QLineEdit;

namespace deskbreak::ui {

// The last resort of "Open config": nothing on this desktop opens the file or its folder,
// so the path is shown, selected, with a button that copies it.
class PathDialog : public QDialog {
    Q_OBJECT
public:
    PathDialog(const QString& title, const QString& text, const QString& path,
               QWidget* parent = nullptr);
    QString path() const;

private:
    QLineEdit* m_path = nullptr;
};

} // namespace deskbreak::ui
