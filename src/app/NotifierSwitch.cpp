#include "app/NotifierSwitch.h"

namespace deskbreak::app {

NotifierSwitch::NotifierSwitch(Factory factory, core::NotificationStyle style, QObject* parent)
    : QObject(parent)
    , m_factory(std::move(factory))
    , m_style(style)
    , m_notifier(m_factory(style))
{
}

NotifierSwitch::~NotifierSwitch() = default;

void NotifierSwitch::apply(core::NotificationStyle style)
{
    if (style == m_style)
        return;
    m_style = style;
    std::unique_ptr<platform::Notifier> old = std::exchange(m_notifier, m_factory(style));
    emit switched(m_notifier.get()); // the presenter moves an open reminder over
    // Later, not now: the old one may be inside one of its own signals.
    old.release()->deleteLater();
}

} // namespace deskbreak::app
