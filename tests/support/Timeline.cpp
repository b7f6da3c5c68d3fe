#include "support/Timeline.h"

namespace deskbreak::test {

using core::milliseconds;

QString Timeline::elapsed() const
{
    const qint64 s = std::chrono::duration_cast<std::chrono::seconds>(m_clock.elapsed()).count();
    return QStringLiteral("+%1:%2:%3")
        .arg(s / 3600, 2, 10, QLatin1Char('0'))
        .arg((s / 60) % 60, 2, 10, QLatin1Char('0'))
        .arg(s % 60, 2, 10, QLatin1Char('0'));
}

void Timeline::take(const core::Effects& effects)
{
    for (const core::Effect& e : effects)
        if (!std::holds_alternative<core::effect::StateChanged>(e))
            m_log.append({elapsed(), core::describe(e)});
}

void Timeline::sample()
{
    take(m_model.idleSample(m_clock.monotonic() - m_lastInput));
}

void Timeline::active(milliseconds d)
{
    for (milliseconds t{0}; t < d; t += 1s) {
        m_clock.advance(1s);
        m_lastInput = m_clock.monotonic();
        sample();
    }
}

void Timeline::idle(milliseconds d)
{
    for (milliseconds t{0}; t < d; t += 1s) {
        m_clock.advance(1s);
        sample();
    }
}

void Timeline::locked(milliseconds d)
{
    take(m_model.sessionLocked());
    idle(d);
    m_lastInput = m_clock.monotonic();
    take(m_model.sessionUnlocked());
}

void Timeline::asleep(milliseconds d)
{
    take(m_model.goingToSleep());
    m_clock.advance(d);
    take(m_model.resumedFromSleep());
    m_lastInput = m_clock.monotonic();
}

void Timeline::silent(milliseconds d)
{
    m_clock.advance(d);
}

void Timeline::act(const std::function<core::Effects(core::SittingModel&)>& command)
{
    m_lastInput = m_clock.monotonic(); // a click is input
    take(command(m_model));
}

QString diffTimeline(const QList<Timeline::Row>& expected, const QList<Timeline::Row>& actual)
{
    QString report;
    for (const auto& row : expected)
        if (!actual.contains(row))
            report += QStringLiteral("missing:    %1 %2\n").arg(row.at, row.effect);
    for (const auto& row : actual)
        if (!expected.contains(row))
            report += QStringLiteral("unexpected: %1 %2\n").arg(row.at, row.effect);
    if (report.isEmpty() && expected != actual)
        report = QStringLiteral("same rows, different order\n");
    return report;
}

} // namespace deskbreak::test
