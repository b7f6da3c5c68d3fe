#pragma once

#include "core/DailyStats.h"

#include <QColor>
#include <QList>
#include <QWidget>

namespace deskbreak::ui {

// The stats window's bar chart: one bar per day of sitting hours, the part past overload
// stacked on top in amber, breaks completed as dots (numbers in the 30-day view) under each
// bar, today highlighted, and a legend. Painted with QPainter in logical coordinates, so it
// stays sharp at any device pixel ratio; colours come from the palette except the accents.
class StatsChart : public QWidget {
    Q_OBJECT
public:
    static constexpr QColor kSittingColour{0x0d, 0x94, 0x88};  // the deskbreak teal
    static constexpr QColor kOverloadColour{0xf5, 0x9e, 0x0b}; // amber

    explicit StatsChart(QWidget* parent = nullptr);

    // Oldest first, the last one being today; days missing before the first are drawn empty.
    void setDays(const QList<core::DayStats>& days);
    // How many days the chart spans, today included (7 or 30).
    void setRange(int days);
    int range() const { return m_range; }

    // Bars drawn: the range, or none when there is no history at all.
    int barCount() const;
    // True when there is nothing to chart: the empty state is shown instead.
    bool isEmpty() const { return m_empty; }
    // The empty state's text (empty while there is history to show).
    QString message() const;
    // The days drawn, oldest first (padded with empty days when history is shorter).
    QList<core::DayStats> shownDays() const;
    // What hovering bar `index` (0 = oldest shown) tells.
    QString toolTipFor(int index) const;

    QSize sizeHint() const override { return {620, 280}; }
    QSize minimumSizeHint() const override { return {360, 220}; }

protected:
    void paintEvent(QPaintEvent* event) override;
    bool event(QEvent* event) override;

private:
    struct Layout;
    Layout layout() const;
    int slotAt(QPointF pos) const;
    void paintEmpty(QPainter& p);
    void paintLegend(QPainter& p, const QRectF& row);

    QList<core::DayStats> m_days;
    int m_range = 7;
    bool m_empty = true;
};

} // namespace deskbreak::ui
