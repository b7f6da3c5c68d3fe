#pragma once

#include "core/Settings.h"
#include "platform/Notifier.h"

#include <QObject>
#include <functional>
#include <memory>

namespace deskbreak::app {

// The notifier for `[notifications] style`, made again when the style changes while the
// daemon runs, so the next reminder (and one that is up) shows the new way at once.
class NotifierSwitch : public QObject {
    Q_OBJECT
public:
    using Factory = std::function<std::unique_ptr<platform::Notifier>(core::NotificationStyle)>;

    NotifierSwitch(Factory factory, core::NotificationStyle style, QObject* parent = nullptr);
    ~NotifierSwitch() override;

    platform::Notifier& notifier() const { return *m_notifier; }
    core::NotificationStyle style() const { return m_style; }
    // A different style: a new notifier, announced (switched) before the old one goes.
    void apply(core::NotificationStyle style);

signals:
    void switched(deskbreak::platform::Notifier* notifier);

private:
    Factory m_factory;
    core::NotificationStyle m_style;
    std::unique_ptr<platform::Notifier> m_notifier;
};

} // namespace deskbreak::app
