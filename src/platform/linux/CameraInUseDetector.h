#pragma once

#include "platform/HoldDetector.h"

#include <QString>
#include <string>
#include <vector>

class QSocketNotifier;
class QTimer;

namespace deskbreak::platform {

// A camera is in use while some process has a video device node (<devDir>/video<N>) open:
// one of its /proc/<pid>/fd links points there. Only processes whose fd folder we may read
// count (the user's own, unless we run as root); our own process never does.
// While watching, inotify on the nodes (open, close) says when to look again, a short while
// after a burst of events, and inotify on <devDir> adds a camera plugged in meanwhile;
// without inotify, a look every kLookIntervalMs instead, listing the nodes anew each time.
// Not watching, it holds no fd and runs no timer.
class CameraInUseDetector final : public HoldDetector {
    Q_OBJECT
public:
    explicit CameraInUseDetector(QString devDir = QStringLiteral("/dev"),
                                 QString procDir = QStringLiteral("/proc"),
                                 QObject* parent = nullptr);
    ~CameraInUseDetector() override;

    CameraInUseDetector(const CameraInUseDetector&) = delete;
    CameraInUseDetector& operator=(const CameraInUseDetector&) = delete;

    core::HoldReason reason() const override { return core::HoldReason::Camera; }
    QString name() const override { return QStringLiteral("proc-fd"); }
    QString looksAt() const override;

    void setWatching(bool on) override;
    bool isWatching() const override { return m_watching; }
    bool active() const override { return m_active; }

    // What it follows now, for tests and `doctor`: the nodes found, and whether by events.
    int nodeCount() const { return static_cast<int>(m_nodes.size()); }
    bool followsByEvents() const { return m_inotifyFd >= 0; }

private:
    // The video nodes in m_devDir, each by its resolved path (what an fd link shows).
    std::vector<std::string> listNodes() const;
    // Follows <devDir> and every node by inotify; failing that, falls back to looks.
    void startEvents();
    // Watches every node in m_nodes; false (having given up events) if one cannot be.
    bool watchNodes();
    // Gives up events for a look every kLookIntervalMs, saying why once.
    void fallBack(const QString& why);
    void stopEvents();
    void onEvents();
    // Whether any readable process but ours has one of m_nodes open.
    bool scan();
    void lookAgain();

    QString m_devDir;
    QString m_procDir;
    std::vector<std::string> m_nodes;
    int m_inotifyFd = -1;
    int m_devWatch = -1; // the watch on m_devDir: nodes created, moved in or removed
    QSocketNotifier* m_notifier = nullptr;
    QTimer* m_settle;   // after a burst of events: one look
    QTimer* m_fallback; // no inotify: a look every kLookIntervalMs
    bool m_watching = false;
    bool m_active = false;
    bool m_toldNoEvents = false;
    bool m_toldNoProc = false;
};

} // namespace deskbreak::platform
