#include "ui/StatsChart.h"

#include "core/Duration.h"
#include "ui/Style.h"

#include <QHelpEvent>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QToolTip>
#include <algorithm>
#include <cmath>
#include <iterator>

namespace deskbreak::ui {

using std::chrono::seconds;

namespace {

constexpr qreal kDot = 6;      // a break's dot, in the 7-day view
constexpr qreal kDotGap = 3;   // between dots
constexpr int kMaxDots = 5;    // more breaks than this show as a dot and a number
constexpr int kLabelEvery = 7; // 30-day view: a date under today and every week before it

bool hasAnything(const core::DayStats& d)
{
    return d.sitting > seconds::zero() || d.breaksCompleted > 0 || d.naturalBreaks > 0 ||
           d.snoozed > 0 || d.skipped > 0 || d.breaksEndedEarly > 0;
}

// The middle of a 1-logical-pixel line: crisp at ratio 1 and 2 alike.
qreal crisp(qreal y)
{
    return std::floor(y) + 0.5;
}

// A bar with rounded top corners, standing on `bottom`.
QPainterPath barPath(qreal x, qreal top, qreal width, qreal bottom, qreal radius)
{
    radius = std::min({radius, width / 2, bottom - top});
    QPainterPath path;
    path.moveTo(x, bottom);
    path.lineTo(x, top + radius);
    path.arcTo(QRectF(x, top, 2 * radius, 2 * radius), 180, -90);
    path.lineTo(x + width - radius, top);
    path.arcTo(QRectF(x + width - 2 * radius, top, 2 * radius, 2 * radius), 90, -90);
    path.lineTo(x + width, bottom);
    path.closeSubpath();
    return path;
}

QString plural(int n, const QString& one, const QString& many)
{
    return QStringLiteral("%1 %2").arg(n).arg(n == 1 ? one : many);
}

} // namespace

// Where everything goes, in logical pixels, for the current size and range.
struct StatsChart::Layout {
    QFont small;
    QFont smallBold;
    QRectF plot;      // the bars: plot.bottom() is the baseline, plot.top() the axis maximum
    qreal slot = 0;   // one day's width
    qreal bar = 0;    // one bar's width
    qreal valueH = 0; // room above the plot for the 7-day value labels
    QRectF breaksRow;
    QRectF labelRow;
    QRectF legendRow;
    int topHours = 2;
    int stepHours = 1;
};

StatsChart::StatsChart(QWidget* parent)
    : QWidget(parent)
{
    setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Expanding);
    setAttribute(Qt::WA_OpaquePaintEvent, false);
    setAccessibleName(tr("Sitting time per day"));
}

void StatsChart::setDays(const QList<core::DayStats>& days)
{
    m_days = days;
    m_empty = std::none_of(m_days.begin(), m_days.end(), hasAnything);
    setAccessibleDescription(message());
    update();
}

void StatsChart::setRange(int days)
{
    days = std::clamp(days, 1, 366);
    if (days == m_range)
        return;
    m_range = days;
    update();
}

int StatsChart::barCount() const
{
    return m_empty ? 0 : m_range;
}

QString StatsChart::message() const
{
    return m_empty ? tr("No history yet: it fills in as you go.") : QString();
}

QList<core::DayStats> StatsChart::shownDays() const
{
    QList<core::DayStats> shown;
    if (m_days.isEmpty())
        return shown;
    const qsizetype from = std::max<qsizetype>(0, m_days.size() - m_range);
    shown = m_days.mid(from);
    // History shorter than the range: the days before it are drawn empty, not squeezed out.
    const QDate first = shown.first().date;
    for (qsizetype back = 1, missing = m_range - shown.size(); back <= missing; ++back) {
        core::DayStats day;
        day.date = first.isValid() ? first.addDays(-back) : QDate();
        shown.prepend(day);
    }
    return shown;
}

QString StatsChart::toolTipFor(int index) const
{
    const QList<core::DayStats> days = shownDays();
    if (index < 0 || index >= days.size())
        return {};
    const core::DayStats& d = days[index];
    QString text = index == days.size() - 1
                       ? tr("Today")
                       : QLocale().toString(d.date, QStringLiteral("dddd d MMMM"));
    if (d.sitting <= seconds::zero())
        return text + QLatin1Char('\n') + tr("No sitting recorded");
    text += QLatin1Char('\n') + tr("Sitting %1").arg(core::formatDuration(d.sitting));
    if (d.overload > seconds::zero())
        text += tr(" (%1 past overload)").arg(core::formatDuration(d.overload));
    text +=
        QLatin1Char('\n') + tr("Longest stretch %1").arg(core::formatDuration(d.longestSitting));
    text += QLatin1Char('\n') +
            plural(d.breaksCompleted, tr("break completed"), tr("breaks completed"));
    if (d.naturalBreaks > 0)
        text += QStringLiteral(", ") +
                plural(d.naturalBreaks, tr("natural break"), tr("natural breaks"));
    return text;
}

StatsChart::Layout StatsChart::layout() const
{
    Layout l;
    l.small = scaledFont(font(), 0.9);
    l.smallBold = scaledFont(font(), 0.9, QFont::Bold);
    const QFontMetricsF fm(l.small);
    const bool week = m_range <= 7;

    // The axis: whole hours, in steps that give three to six gridlines.
    qreal maxHours = 0;
    for (const core::DayStats& d : shownDays())
        maxHours = std::max(maxHours, d.sitting.count() / 3600.0);
    l.stepHours = maxHours <= 5 ? 1 : maxHours <= 10 ? 2 : maxHours <= 15 ? 3 : 4;
    l.topHours = std::max(2, int(std::ceil(maxHours / l.stepHours - 1e-9)) * l.stepHours);

    const qreal axisW = fm.horizontalAdvance(QStringLiteral("%1h").arg(l.topHours)) + 10;
    const qreal left = axisW;
    const qreal right = width() - 4;
    l.valueH = week ? fm.height() + 4 : fm.height() / 2 + 2;
    const qreal legendH = fm.height();
    const qreal labelH = week ? 2 * fm.height() : fm.height();
    const qreal breaksH = week ? std::max(kDot, fm.height()) : fm.height();

    qreal y = height();
    l.legendRow = QRectF(left, y - legendH, right - left, legendH);
    y -= legendH + 14;
    l.labelRow = QRectF(left, y - labelH, right - left, labelH);
    y -= labelH + 4;
    l.breaksRow = QRectF(left, y - breaksH, right - left, breaksH);
    y -= breaksH + 8;
    l.plot = QRectF(left, l.valueH, right - left, std::max<qreal>(20, y - l.valueH));

    const int n = std::max(1, barCount());
    l.slot = l.plot.width() / n;
    l.bar = std::min(l.slot * (week ? 0.46 : 0.62), 44.0);
    return l;
}

int StatsChart::slotAt(QPointF pos) const
{
    if (m_empty)
        return -1;
    const Layout l = layout();
    if (pos.x() < l.plot.left() || pos.x() >= l.plot.right() || pos.y() > l.labelRow.bottom())
        return -1;
    return std::clamp(int((pos.x() - l.plot.left()) / l.slot), 0, barCount() - 1);
}

bool StatsChart::event(QEvent* event)
{
    if (event->type() == QEvent::ToolTip) {
        auto* help = static_cast<QHelpEvent*>(event);
        const int index = slotAt(help->pos());
        if (index >= 0)
            QToolTip::showText(help->globalPos(), toolTipFor(index), this);
        else
            QToolTip::hideText();
        return true;
    }
    return QWidget::event(event);
}

void StatsChart::paintEvent(QPaintEvent*)
{
    QPainter p(this);
    p.setRenderHint(QPainter::Antialiasing);
    if (m_empty) {
        paintEmpty(p);
        return;
    }

    const Layout l = layout();
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor dim = mixColours(text, window, 0.42);
    const QColor grid = mixColours(window, text, 0.11);
    const QFontMetricsF fm(l.small);
    const QList<core::DayStats> days = shownDays();
    const int n = int(days.size());
    const bool week = m_range <= 7;
    auto centreOf = [&](int i) { return l.plot.left() + l.slot * (i + 0.5); };
    auto yOf = [&](seconds s) {
        return l.plot.bottom() - l.plot.height() * (s.count() / 3600.0) / l.topHours;
    };

    // Today: a soft band behind its bar, breaks and label.
    {
        const qreal inset = std::min<qreal>(3, l.slot * 0.08);
        const QRectF band(l.plot.left() + l.slot * (n - 1) + inset, 0, l.slot - 2 * inset,
                          l.labelRow.bottom() + 3);
        p.setPen(Qt::NoPen);
        p.setBrush(mixColours(window, kSittingColour, week ? 0.12 : 0.16));
        p.drawRoundedRect(band, 6, 6);
    }

    // Gridlines and hour labels.
    p.setFont(l.small);
    for (int h = 0; h <= l.topHours; h += l.stepHours) {
        const qreal y = crisp(yOf(seconds(h * 3600)));
        p.setPen(QPen(h == 0 ? mixColours(window, text, 0.3) : grid, 1));
        p.drawLine(QPointF(l.plot.left(), y), QPointF(l.plot.right(), y));
        p.setPen(dim);
        const QString label = h == 0 ? QStringLiteral("0") : QStringLiteral("%1h").arg(h);
        p.drawText(QRectF(0, y - fm.height() / 2, l.plot.left() - 8, fm.height()),
                   Qt::AlignRight | Qt::AlignVCenter, label);
    }

    for (int i = 0; i < n; ++i) {
        const core::DayStats& d = days[i];
        const bool today = i == n - 1;
        const qreal cx = centreOf(i);
        const qreal x = cx - l.bar / 2;
        const qreal base = crisp(l.plot.bottom()) - 0.5;

        // The bar: sitting in teal, the part past overload stacked on top in amber.
        if (d.sitting > seconds::zero()) {
            const seconds overload = std::clamp(d.overload, seconds::zero(), d.sitting);
            const qreal top = std::min(yOf(d.sitting), base - 2);
            const QPainterPath bar = barPath(x, top, l.bar, base, std::min<qreal>(5, l.bar / 3));
            const qreal split =
                overload > seconds::zero() ? std::clamp(yOf(d.sitting - overload), top, base) : top;
            QPainterPath lower;
            lower.addRect(QRectF(x - 1, split, l.bar + 2, base - split + 1));
            QPainterPath upper;
            upper.addRect(QRectF(x - 1, top - 1, l.bar + 2, split - top + 1));
            p.setPen(Qt::NoPen);
            p.setBrush(kSittingColour);
            p.drawPath(bar.intersected(lower));
            if (overload > seconds::zero()) {
                p.setBrush(kOverloadColour);
                p.drawPath(bar.intersected(upper));
            }
            if (week) {
                p.setFont(today ? l.smallBold : l.small);
                p.setPen(today ? text : dim);
                p.drawText(
                    QRectF(l.plot.left() + l.slot * i, top - fm.height() - 3, l.slot, fm.height()),
                    Qt::AlignCenter, core::formatDuration(d.sitting));
            }
        } else {
            // Nothing that day: a short stub on the baseline, so the day reads as empty.
            p.setPen(Qt::NoPen);
            p.setBrush(mixColours(window, text, 0.2));
            p.drawRoundedRect(QRectF(x, base - 2, l.bar, 2), 1, 1);
        }

        // Breaks completed: dots in the 7-day view, a number in the 30-day view.
        const int breaks = d.breaksCompleted;
        const QColor marker = today ? text : mixColours(text, window, 0.3);
        if (breaks > 0 && week) {
            const int dots = breaks <= kMaxDots ? breaks : 1;
            const QString more = breaks <= kMaxDots ? QString() : QString::number(breaks);
            p.setFont(l.smallBold);
            const qreal moreW = more.isEmpty() ? 0 : fm.horizontalAdvance(more) + 3;
            const qreal total = dots * kDot + (dots - 1) * kDotGap + moreW;
            qreal dx = cx - total / 2;
            const qreal cy = l.breaksRow.center().y();
            p.setPen(Qt::NoPen);
            p.setBrush(marker);
            for (int k = 0; k < dots; ++k, dx += kDot + kDotGap)
                p.drawEllipse(QPointF(dx + kDot / 2, cy), kDot / 2, kDot / 2);
            if (!more.isEmpty()) {
                p.setPen(marker);
                p.drawText(QRectF(dx, l.breaksRow.top(), moreW, l.breaksRow.height()),
                           Qt::AlignLeft | Qt::AlignVCenter, more);
            }
        } else if (breaks > 0) {
            // A number on a faint pill, so it cannot be read as a date.
            p.setFont(today ? l.smallBold : l.small);
            const QString number = QString::number(breaks);
            const qreal h = l.breaksRow.height();
            const qreal w = std::min(
                std::max(h, QFontMetricsF(p.font()).horizontalAdvance(number) + 6), l.slot - 2);
            const QRectF pill(cx - w / 2, l.breaksRow.top(), w, h);
            p.setPen(Qt::NoPen);
            p.setBrush(mixColours(window, text, today ? 0.12 : 0.07));
            p.drawRoundedRect(pill, h / 2, h / 2);
            p.setPen(marker);
            p.drawText(pill, Qt::AlignCenter, number);
        }

        // Day labels: weekday initials over the day of the month for a week; for 30 days, a
        // date under today and every week before it.
        if (!d.date.isValid())
            continue;
        if (week) {
            const QString initial =
                QLocale().dayName(d.date.dayOfWeek(), QLocale::ShortFormat).left(1);
            const qreal lineH = l.labelRow.height() / 2;
            p.setFont(today ? l.smallBold : l.small);
            p.setPen(today ? text : mixColours(text, window, 0.25));
            p.drawText(QRectF(l.plot.left() + l.slot * i, l.labelRow.top(), l.slot, lineH),
                       Qt::AlignCenter, initial);
            p.setFont(today ? l.smallBold : l.small);
            p.setPen(today ? text : dim);
            p.drawText(QRectF(l.plot.left() + l.slot * i, l.labelRow.top() + lineH, l.slot, lineH),
                       Qt::AlignCenter, QString::number(d.date.day()));
        } else if ((n - 1 - i) % kLabelEvery == 0) {
            const QString label = QLocale().toString(d.date, QStringLiteral("d MMM"));
            p.setFont(today ? l.smallBold : l.small);
            p.setPen(today ? text : dim);
            const qreal w = QFontMetricsF(p.font()).horizontalAdvance(label) + 4;
            const qreal lx = std::clamp(cx - w / 2, 0.0, width() - w);
            p.drawText(QRectF(lx, l.labelRow.top(), w, l.labelRow.height()), Qt::AlignCenter,
                       label);
        }
    }

    paintLegend(p, l.legendRow);
}

void StatsChart::paintLegend(QPainter& p, const QRectF& row)
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QFont small = scaledFont(font(), 0.9);
    const QFontMetricsF fm(small);
    const qreal swatch = 10;
    const qreal cy = row.center().y();
    qreal x = row.left();
    p.setFont(small);

    auto label = [&](const QString& caption) {
        x += swatch + 6;
        p.setPen(mixColours(text, window, 0.3));
        const qreal w = fm.horizontalAdvance(caption);
        p.drawText(QRectF(x, row.top(), w + 2, row.height()), Qt::AlignLeft | Qt::AlignVCenter,
                   caption);
        x += w + 18;
    };
    auto square = [&](const QColor& colour) {
        p.setPen(Qt::NoPen);
        p.setBrush(colour);
        p.drawRoundedRect(QRectF(x, cy - swatch / 2, swatch, swatch), 2.5, 2.5);
    };

    square(kSittingColour);
    label(tr("Sitting"));
    square(kOverloadColour);
    label(tr("Past overload"));
    p.setPen(Qt::NoPen);
    p.setBrush(mixColours(text, window, 0.3));
    if (m_range <= 7) {
        p.drawEllipse(QPointF(x + swatch / 2, cy), kDot / 2, kDot / 2);
    } else {
        const qreal h = row.height();
        const QRectF pill(x + swatch / 2 - h / 2, row.top(), h, h);
        p.setBrush(mixColours(window, text, 0.07));
        p.drawRoundedRect(pill, h / 2, h / 2);
        p.setPen(mixColours(text, window, 0.3));
        p.drawText(pill, Qt::AlignCenter, QStringLiteral("3"));
    }
    label(tr("Breaks completed"));
    p.setPen(Qt::NoPen);
    p.setBrush(mixColours(window, kSittingColour, 0.2));
    p.drawRoundedRect(QRectF(x, cy - swatch / 2, swatch, swatch), 2.5, 2.5);
    label(tr("Today"));
}

void StatsChart::paintEmpty(QPainter& p)
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QRectF area = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);

    // A calm placeholder: a dashed outline and a few ghost bars, the message over them.
    p.setPen(QPen(mixColours(window, text, 0.16), 1, Qt::DashLine));
    p.setBrush(Qt::NoBrush);
    p.drawRoundedRect(area, 12, 12);

    const qreal ghosts[] = {0.35, 0.55, 0.3, 0.7, 0.5, 0.15, 0.2};
    const int count = int(std::size(ghosts));
    const QRectF bars = area.adjusted(area.width() * 0.2, area.height() * 0.5, -area.width() * 0.2,
                                      -area.height() * 0.14);
    const qreal slot = bars.width() / count;
    const qreal barW = std::min(slot * 0.46, 44.0);
    p.setPen(Qt::NoPen);
    p.setBrush(mixColours(window, text, 0.06));
    for (int i = 0; i < count; ++i) {
        const qreal x = bars.left() + slot * (i + 0.5) - barW / 2;
        p.drawPath(barPath(x, bars.bottom() - bars.height() * ghosts[i], barW, bars.bottom(), 5));
    }
    p.setPen(QPen(mixColours(window, text, 0.14), 1));
    const qreal base = crisp(bars.bottom());
    p.drawLine(QPointF(bars.left(), base), QPointF(bars.right(), base));

    const QFont title = scaledFont(font(), 1.15, QFont::DemiBold);
    const QFont small = scaledFont(font(), 0.95);
    const qreal titleH = QFontMetricsF(title).height();
    const qreal smallH = QFontMetricsF(small).height();
    const qreal top = area.top() + area.height() * 0.3 - (titleH + 4 + smallH) / 2;
    p.setFont(title);
    p.setPen(text);
    p.drawText(QRectF(area.left(), top, area.width(), titleH), Qt::AlignCenter, message());
    p.setFont(small);
    p.setPen(mixColours(text, window, 0.4));
    p.drawText(QRectF(area.left(), top + titleH + 4, area.width(), smallH), Qt::AlignCenter,
               tr("Sitting time, overload and breaks appear here day by day."));
}

} // namespace deskbreak::ui
