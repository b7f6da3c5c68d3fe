#pragma once

#include <QString>
#include <functional>

namespace deskbreak::platform {

// Opens a file or a folder in the application the desktop has for it ("Open config").
class Opener {
public:
    // Whether an application took it; `why` says why not, for the log.
    using Done = std::function<void(bool opened, const QString& why)>;

    virtual ~Opener() = default;
    virtual QString name() const = 0;
    // Asks the desktop to open `path`; `done` runs exactly once, now or later.
    virtual void open(const QString& path, Done done) = 0;
};

} // namespace deskbreak::platform
