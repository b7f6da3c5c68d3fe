#pragma once

#include "platform/CuePlayer.h"

#include <QString>

// The entry points of the cue module (deskbreak-cues, built from CanberraCuePlayer.cpp),
// which ModuleCuePlayer loads at the first break that wants a sound. Both sides are built
// together, with one compiler and one Qt: the ABI number only catches a stale module.
namespace deskbreak::platform::cues {

inline constexpr int kModuleAbi = 1;
inline constexpr const char* kAbiSymbol = "deskbreak_cues_abi";
inline constexpr const char* kCreateSymbol = "deskbreak_cues_create";

using AbiFunction = int (*)();
// A new player that takes its chimes from `soundDir` (step.wav, switch-sides.wav, rep.wav,
// end.wav); the caller owns it. It connects to nothing before its first use.
using CreateFunction = CuePlayer* (*)(const QString& soundDir);

} // namespace deskbreak::platform::cues
