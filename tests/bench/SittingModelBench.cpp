// Runs the sitting model over one simulated year of 1-second idle samples
// (working days of typing, reading, meetings and nights away) and prints the
// sample rate. Usage: bench_sitting_model [years]
#include "core/SittingModel.h"
#include "support/FakeClock.h"

#include <QCoreApplication>
#include <chrono>
#include <cstdio>
#include <random>

using namespace deskbreak;
using namespace std::chrono_literals;

int main(int argc, char** argv)
{
    const int years = argc > 1 ? std::max(1, std::atoi(argv[1])) : 1;
    test::FakeClock clock;
    core::Settings::Schedule schedule;
    schedule.interval = 60min;
    schedule.overloadAfter = 30min;
    schedule.naturalBreak = 5min;
    schedule.snooze = 10min;
    schedule.maxSnoozes = 3;
    schedule.remindAgain = 5min;
    core::SittingModel model(clock, schedule);

    std::mt19937 rng(42);
    std::uniform_int_distribution<int> burst(1, 600); // seconds of one activity burst
    std::uniform_int_distribution<int> pick(0, 99);

    const qint64 total = qint64(years) * 365 * 24 * 3600;
    qint64 reminders = 0, records = 0, lastInput = 0;
    const auto started = std::chrono::steady_clock::now();
    for (qint64 t = 0; t < total;) {
        const qint64 secondOfDay = t % 86400;
        const bool working = secondOfDay >= 8 * 3600 && secondOfDay < 18 * 3600;
        const int length = burst(rng);
        const bool typing = working && pick(rng) < 80;
        for (int i = 0; i < length && t < total; ++i, ++t) {
            clock.advance(1s);
            if (typing)
                lastInput = t;
            for (const core::Effect& e : model.idleSample(std::chrono::seconds(t - lastInput))) {
                if (std::holds_alternative<core::effect::Remind>(e)) {
                    ++reminders;
                    if (pick(rng) < 50)
                        model.startBreak(), model.endBreak(true);
                    else
                        model.skip();
                }
                records += std::holds_alternative<core::effect::Record>(e);
            }
        }
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::printf("simulated: %d year(s), %lld one-second idle samples\n", years,
                static_cast<long long>(total));
    std::printf("wall time: %.3f s\n", seconds);
    std::printf("rate:      %.1f million samples/s\n", double(total) / seconds / 1e6);
    std::printf("reminders: %lld, history records: %lld\n", static_cast<long long>(reminders),
                static_cast<long long>(records));
    return 0;
}
