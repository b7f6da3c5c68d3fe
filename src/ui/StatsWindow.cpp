#include "ui/StatsWindow.h"

#include "core/Duration.h"
#include "ui/StatsChart.h"
#include "ui/Style.h"

#include <QButtonGroup>
#include <QGridLayout>
#include <QKeyEvent>
#include <QLabel>
#include <QLocale>
#include <QPainter>
#include <QPainterPath>
#include <QPushButton>
#include <QVBoxLayout>

namespace deskbreak::ui {

using std::chrono::seconds;

namespace {

constexpr int kWeek = 7;
constexpr int kMonth = 30;

// formatDuration, with nothing at all read as "0m" rather than "0s".
QString durationText(seconds d)
{
    return d > seconds::zero() ? core::formatDuration(d) : QStringLiteral("0m");
}

QLabel* makeLabel(const QString& objectName, const QFont& font, const QString& text = {})
{
    auto* label = new QLabel(text);
    label->setObjectName(objectName);
    label->setFont(font);
    return label;
}

// A soft rounded card behind one of today's big numbers.
class Tile : public QWidget {
public:
    using QWidget::QWidget;

protected:
    void paintEvent(QPaintEvent*) override
    {
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor window = palette().color(QPalette::Window);
        const QColor text = palette().color(QPalette::WindowText);
        p.setPen(QPen(mixColours(window, text, 0.1), 1));
        p.setBrush(mixColours(window, text, 0.035));
        p.drawRoundedRect(QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5), 10, 10);
    }
};

// What became of the reminders, as one thin bar of shares: a break, a snooze, a skip and
// no answer, left to right.
class AdherenceBar : public QWidget {
public:
    using QWidget::QWidget;
    void setAdherence(const core::Adherence& a)
    {
        m_adherence = a;
        setVisible(a.reminders > 0);
        update();
    }
    QSize sizeHint() const override { return {200, 8}; }

protected:
    void paintEvent(QPaintEvent*) override
    {
        const core::Adherence& a = m_adherence;
        if (a.reminders <= 0)
            return;
        QPainter p(this);
        p.setRenderHint(QPainter::Antialiasing);
        const QColor window = palette().color(QPalette::Window);
        const QColor text = palette().color(QPalette::WindowText);
        const QRectF all = QRectF(rect()).adjusted(0.5, 0.5, -0.5, -0.5);
        QPainterPath clip;
        clip.addRoundedRect(all, all.height() / 2, all.height() / 2);
        p.setClipPath(clip);
        p.fillRect(all, mixColours(window, text, 0.12)); // no answer
        const struct {
            int count;
            QColor colour;
        } parts[] = {{a.toBreak, StatsChart::kSittingColour},
                     {a.snoozed, QColor(0x63, 0x66, 0xf1)}, // the tray's snoozed indigo
                     {a.skipped, mixColours(window, text, 0.45)}};
        qreal x = all.left();
        for (const auto& part : parts) {
            const qreal w = all.width() * part.count / a.reminders;
            p.fillRect(QRectF(x, all.top(), w, all.height()), part.colour);
            x += w;
        }
    }

private:
    core::Adherence m_adherence;
};

QString plural(int n, const QString& one, const QString& many)
{
    return n == 1 ? one : many.arg(n);
}

} // namespace

StatsWindow::StatsWindow(QWidget* parent)
    : QWidget(parent, Qt::Window)
{
    setObjectName(QStringLiteral("statsWindow"));
    setWindowTitle(QStringLiteral("deskbreak: your stats"));

    const QFont heading = scaledFont(font(), 1.3, QFont::Bold);
    const QFont big = scaledFont(font(), 2.1, QFont::Bold);
    const QFont caption = scaledFont(font(), 0.95);
    const QFont value = scaledFont(font(), 1.0, QFont::DemiBold);

    auto* todayTitle = makeLabel(QStringLiteral("todayTitle"), heading, tr("Today at a glance"));
    m_dateLabel = makeLabel(QStringLiteral("todayDate"), caption);
    m_dimLabels << m_dateLabel;
    auto* todayHeader = new QHBoxLayout;
    todayHeader->addWidget(todayTitle);
    todayHeader->addStretch(1);
    todayHeader->addWidget(m_dateLabel, 0, Qt::AlignBaseline);

    // Four big numbers on tiles of equal width, the smaller four in a row under them.
    auto* glance = new QGridLayout;
    glance->setHorizontalSpacing(10);
    glance->setVerticalSpacing(10);
    const struct {
        QLabel** target;
        const char* name;
        QString caption;
    } tiles[] = {
        {&m_sitting, "todaySitting", tr("Sitting")},
        {&m_longest, "todayLongest", tr("Longest stretch")},
        {&m_breaks, "todayBreaks", tr("Breaks completed")},
        {&m_natural, "todayNatural", tr("Natural breaks")},
    };
    int column = 0;
    for (const auto& t : tiles) {
        auto* tile = new Tile;
        tile->setObjectName(QStringLiteral("tile"));
        auto* captionLabel = makeLabel(QStringLiteral("tileCaption"), caption, t.caption);
        *t.target = makeLabel(QString::fromLatin1(t.name), big, QStringLiteral("0"));
        (*t.target)->setAccessibleName(t.caption);
        m_dimLabels << captionLabel;
        auto* box = new QVBoxLayout(tile);
        box->setContentsMargins(14, 10, 14, 12);
        box->setSpacing(2);
        box->addWidget(captionLabel);
        box->addWidget(*t.target);
        m_tiles << tile;
        glance->addWidget(tile, 0, column);
        glance->setColumnStretch(column, 1);
        ++column;
    }
    const struct {
        QLabel** target;
        const char* name;
        QString caption;
    } smalls[] = {
        {&m_snoozed, "todaySnoozed", tr("snoozed")},
        {&m_skipped, "todaySkipped", tr("skipped")},
        {&m_endedEarly, "todayEndedEarly", tr("ended early")},
        {&m_overload, "todayOverload", tr("past overload")},
    };
    column = 0;
    for (const auto& s : smalls) {
        *s.target = makeLabel(QString::fromLatin1(s.name), value, QStringLiteral("0"));
        (*s.target)->setAccessibleName(s.caption);
        auto* captionLabel = makeLabel(QStringLiteral("smallCaption"), caption, s.caption);
        m_dimLabels << captionLabel;
        auto* row = new QHBoxLayout;
        row->setContentsMargins(15, 0, 0, 0);
        row->setSpacing(6);
        row->addWidget(*s.target, 0, Qt::AlignBaseline);
        row->addWidget(captionLabel, 1, Qt::AlignBaseline);
        glance->addLayout(row, 1, column++);
    }

    // The history: a 7/30-day switch, a one-line summary of the range and the chart.
    auto* historyTitle = makeLabel(QStringLiteral("historyTitle"), heading, tr("History"));
    m_week = new QPushButton(tr("7 days"));
    m_week->setObjectName(QStringLiteral("rangeWeek"));
    m_week->setToolTip(tr("The last 7 days"));
    m_month = new QPushButton(tr("30 days"));
    m_month->setObjectName(QStringLiteral("rangeMonth"));
    m_month->setToolTip(tr("The last 30 days"));
    auto* group = new QButtonGroup(this);
    for (QPushButton* button : {m_week, m_month}) {
        button->setCheckable(true);
        button->setCursor(Qt::PointingHandCursor);
        group->addButton(button);
    }
    m_week->setChecked(true);
    connect(m_week, &QPushButton::toggled, this, [this](bool on) {
        if (on)
            setRange(kWeek);
    });
    connect(m_month, &QPushButton::toggled, this, [this](bool on) {
        if (on)
            setRange(kMonth);
    });
    auto* historyHeader = new QHBoxLayout;
    historyHeader->setSpacing(0);
    historyHeader->addWidget(historyTitle);
    historyHeader->addStretch(1);
    historyHeader->addWidget(m_week);
    historyHeader->addWidget(m_month);

    m_rangeSummary = makeLabel(QStringLiteral("rangeSummary"), caption);
    m_rangeSummary->setWordWrap(true);
    m_dimLabels << m_rangeSummary;
    m_adherence = makeLabel(QStringLiteral("adherence"), caption);
    m_adherence->setWordWrap(true);
    m_adherence->setToolTip(tr("Each reminder counts once, by your first answer to it: a break "
                               "started, a snooze or a skip. No answer: it came again, or you "
                               "went away."));
    m_dimLabels << m_adherence;
    auto* bar = new AdherenceBar;
    bar->setObjectName(QStringLiteral("adherenceBar"));
    bar->setFixedHeight(8);
    m_adherenceBar = bar;

    m_chart = new StatsChart;
    m_chart->setObjectName(QStringLiteral("chart"));
    m_chart->setRange(kWeek);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 20, 24, 18);
    layout->setSpacing(0);
    layout->addLayout(todayHeader);
    layout->addSpacing(12);
    layout->addLayout(glance);
    layout->addSpacing(26);
    layout->addLayout(historyHeader);
    layout->addSpacing(4);
    layout->addWidget(m_rangeSummary);
    layout->addSpacing(6);
    layout->addWidget(m_adherence);
    layout->addSpacing(4);
    layout->addWidget(m_adherenceBar);
    layout->addSpacing(14);
    layout->addWidget(m_chart, 1);

    applyColours();
    setDays({});
    resize(680, 600);
}

void StatsWindow::setDays(const QList<core::DayStats>& days)
{
    m_days = days;
    m_chart->setDays(days);
    showToday();
    showRangeSummary();
    showAdherence();
}

void StatsWindow::setRange(int days)
{
    m_chart->setRange(days);
    (days <= kWeek ? m_week : m_month)->setChecked(true);
    styleRangeButtons();
    showRangeSummary();
    showAdherence();
}

int StatsWindow::range() const
{
    return m_chart->range();
}

void StatsWindow::showToday()
{
    // The last day is today (the daemon's clock says which); with no days at all, no date.
    const core::DayStats today = m_days.isEmpty() ? core::DayStats() : m_days.last();
    m_dateLabel->setText(QLocale().toString(today.date, QStringLiteral("dddd d MMMM")));
    m_sitting->setText(durationText(today.sitting));
    m_longest->setText(durationText(today.longestSitting));
    m_breaks->setText(QString::number(today.breaksCompleted));
    m_natural->setText(QString::number(today.naturalBreaks));
    m_snoozed->setText(QString::number(today.snoozed));
    m_skipped->setText(QString::number(today.skipped));
    m_endedEarly->setText(QString::number(today.breaksEndedEarly));
    m_overload->setText(durationText(today.overload));
}

void StatsWindow::showRangeSummary()
{
    if (m_chart->isEmpty()) {
        m_rangeSummary->setText(tr("Your sitting time and breaks, day by day."));
        return;
    }
    int breaks = 0, natural = 0;
    const QList<core::DayStats> shown = m_chart->shownDays();
    for (const core::DayStats& d : shown) {
        breaks += d.breaksCompleted;
        natural += d.naturalBreaks;
    }
    // Over the days that have data only: a first day is not averaged with empty ones.
    const core::DayAverage a = core::averageOverDaysWithData(shown);
    const QString average =
        a.days > 0 ? tr("%1 sitting a day, average over %2")
                         .arg(core::formatDuration(a.sitting),
                              plural(a.days, tr("1 day with data"), tr("%1 days with data")))
                   : tr("No sitting recorded");
    m_rangeSummary->setText(
        tr("Last %1 days: %2 · %3 · %4")
            .arg(m_chart->range())
            .arg(average, plural(breaks, tr("1 break"), tr("%1 breaks")),
                 plural(natural, tr("1 natural break"), tr("%1 natural breaks"))));
    m_rangeSummary->setToolTip(tr("Days with nothing recorded are left out of the average."));
}

void StatsWindow::showAdherence()
{
    const core::Adherence a =
        core::adherence(m_chart->isEmpty() ? QList<core::DayStats>() : m_chart->shownDays());
    static_cast<AdherenceBar*>(m_adherenceBar)->setAdherence(a);
    m_adherence->setVisible(!m_chart->isEmpty()); // the empty state says it all
    if (a.reminders == 0) {
        m_adherence->setText(tr("No reminders in these days."));
        return;
    }
    int heldForCalls = 0;
    for (const core::DayStats& d : m_chart->shownDays())
        heldForCalls += d.heldForCalls;
    m_adherence->setText(
        tr("Of %1: %2% led to a break · %3% snoozed · %4% skipped · %5% unanswered")
            .arg(plural(a.reminders, tr("1 reminder"), tr("%1 reminders")))
            .arg(a.percent(a.toBreak))
            .arg(a.percent(a.snoozed))
            .arg(a.percent(a.skipped))
            .arg(a.percent(a.unanswered())) +
        (heldForCalls > 0 ? tr(" · %1 held for calls")
                                .arg(plural(heldForCalls, tr("1 reminder"), tr("%1 reminders")))
                          : QString()));
}

void StatsWindow::applyColours()
{
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor dim = mixColours(text, window, 0.4);
    for (QLabel* label : m_dimLabels) {
        QPalette p = label->palette();
        p.setColor(QPalette::WindowText, dim);
        label->setPalette(p);
    }

    styleRangeButtons();
    for (QWidget* tile : m_tiles)
        tile->update();
}

void StatsWindow::styleRangeButtons()
{
    // The range switch as one segmented control, the chosen half teal-tinted and outlined;
    // the other half leaves out its inner edge so the two share one line.
    const QPalette pal = palette();
    const QColor text = pal.color(QPalette::WindowText);
    const QColor window = pal.color(QPalette::Window);
    const QColor teal = StatsChart::kSittingColour;
    const QString sheet =
        QStringLiteral("QPushButton { border: 1px solid %1; %2 background: %3; color: %4; "
                       "padding: 4px 14px; border-top-%5-radius: 6px; "
                       "border-bottom-%5-radius: 6px; }"
                       "QPushButton:hover { background: %6; }"
                       "QPushButton:checked { border: 1px solid %7; background: %8; }");
    const QString edge = mixColours(window, text, 0.22).name();
    const QString hover = mixColours(window, text, 0.07).name();
    const QString chosen = mixColours(window, teal, 0.2).name();
    auto style = [&](QPushButton* button, const QString& outer, const QString& inner) {
        const QString innerRule =
            button->isChecked() ? QString() : QStringLiteral("border-%1: none;").arg(inner);
        button->setStyleSheet(sheet.arg(edge, innerRule, window.name(), text.name(), outer, hover,
                                        teal.name(), chosen));
    };
    style(m_week, QStringLiteral("left"), QStringLiteral("right"));
    style(m_month, QStringLiteral("right"), QStringLiteral("left"));
}

void StatsWindow::changeEvent(QEvent* event)
{
    QWidget::changeEvent(event);
    if (event->type() == QEvent::PaletteChange && m_chart) // after construction
        applyColours();
}

void StatsWindow::keyPressEvent(QKeyEvent* event)
{
    if (event->key() == Qt::Key_Escape) {
        close();
        return;
    }
    QWidget::keyPressEvent(event);
}

} // namespace deskbreak::ui
