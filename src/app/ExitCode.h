#pragma once

namespace deskbreak::app {

// The exit codes PRODUCT.md promises.
enum ExitCode : int { Ok = 0, Failure = 1, Usage = 2, NoDaemon = 3 };

} // namespace deskbreak::app
