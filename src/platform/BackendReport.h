#pragma once

#include <QJsonObject>
#include <QList>
#include <QString>

namespace deskbreak::platform {

// How one capability (idle, lock, notifications, ...) is served in this session: the
// backend chosen, each candidate passed over and why, and what the user could do.
// The daemon logs it in one line; `deskbreak doctor` shows it in full.
struct BackendReport {
    struct Rejected {
        QString backend;
        QString reason;
    };

    QString capability; // "idle", "lock", "sleep", "tray", "notifications", "autostart"
    QString chosen;     // the backend in use, or empty for none
    QString detail;     // what the chosen one offers or lacks, e.g. "with buttons"
    QList<Rejected> rejected;
    QString hint; // a fix within the user's reach, if any

    bool available() const { return !chosen.isEmpty(); }
    // "idle: x11-sync (not gnome-mutter: ...; not ...)", or "idle: none (...)".
    QString logLine() const;
    QJsonObject toJson() const;
};

} // namespace deskbreak::platform
