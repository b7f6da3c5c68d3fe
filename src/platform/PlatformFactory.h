#pragma once

#include "platform/IdleSource.h"
#include "platform/Notifier.h"

#include <QStringList>
#include <memory>

namespace deskbreak::platform {

// The one place that knows which backends exist. Each create*() tries them in
// order and keeps the first that works; `log` gets one line naming the choice
// and why the ones before it were passed over.
std::unique_ptr<IdleSource> createIdleSource(QString* log);

// The desktop's notification server, when it can show buttons; nullptr otherwise.
std::unique_ptr<Notifier> createNativeNotifier(QString* log);

} // namespace deskbreak::platform
