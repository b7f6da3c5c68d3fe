#pragma once

#include "platform/Opener.h"

#include <QObject>
#include <chrono>

namespace deskbreak::platform {

// xdg-open, judged by its exit code: it says when no application is set for a file (exit
// 3 or 4), which Qt's own QDesktopServices does not (it only knows xdg-open started).
// xdg-open may wait for the application it started: still running after `settle`, it
// counts as opened.
class XdgOpener final : public QObject, public Opener {
    Q_OBJECT
public:
    explicit XdgOpener(QString program = QStringLiteral("xdg-open"),
                       std::chrono::milliseconds settle = std::chrono::seconds(3),
                       QObject* parent = nullptr);
    QString name() const override { return QStringLiteral("xdg-open"); }
    void open(const QString& path, Done done) override;

private:
    QString m_program;
    std::chrono::milliseconds m_settle;
};

} // namespace deskbreak::platform
