#pragma once

#include "core/DailyStats.h"

#include <QList>
#include <QWidget>

class QLabel;
class QPushButton;

namespace deskbreak::ui {

class StatsChart;

// "deskbreak: your stats": today at a glance (sitting, longest stretch, breaks, natural
// breaks; snoozed, skipped, ended early and time past overload smaller), and for the last 7
// or 30 days a summary averaged over the days with data, what became of the reminders
// (adherence: a break, a snooze, a skip, no answer) and a bar chart. Built when first
// opened; no timers: the daemon calls setDays().
class StatsWindow : public QWidget {
    Q_OBJECT
public:
    explicit StatsWindow(QWidget* parent = nullptr);

    // The last 30 days, oldest first, the last one being today. Empty: no history yet.
    void setDays(const QList<core::DayStats>& days);
    // 7 or 30: what the chart and the summary above it cover.
    void setRange(int days);
    int range() const;

    StatsChart* chart() const { return m_chart; }

protected:
    void changeEvent(QEvent* event) override;
    void keyPressEvent(QKeyEvent* event) override;

private:
    void applyColours();
    void styleRangeButtons();
    void showToday();
    void showRangeSummary();
    void showAdherence();

    QList<core::DayStats> m_days;
    QLabel* m_dateLabel = nullptr;
    QLabel* m_sitting = nullptr;
    QLabel* m_longest = nullptr;
    QLabel* m_breaks = nullptr;
    QLabel* m_natural = nullptr;
    QLabel* m_snoozed = nullptr;
    QLabel* m_skipped = nullptr;
    QLabel* m_endedEarly = nullptr;
    QLabel* m_overload = nullptr;
    QList<QLabel*> m_dimLabels;
    QList<QWidget*> m_tiles;
    QPushButton* m_week = nullptr;
    QPushButton* m_month = nullptr;
    QLabel* m_rangeSummary = nullptr;
    QLabel* m_adherence = nullptr;
    QWidget* m_adherenceBar = nullptr;
    StatsChart* m_chart = nullptr;
};

} // namespace deskbreak::ui
