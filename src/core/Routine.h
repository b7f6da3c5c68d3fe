#pragma once

#include <QList>
#include <QMap>
#include <QString>
#include <QStringList>
#include <chrono>

namespace deskbreak::core {

// One stretch from the catalogue (assets/exercises.toml).
struct Exercise {
    QString id;
    QString name;
    QString region;   // neck, upper-back, mid-back, lower-back, full-back, hips
    QString position; // chair, standing, wall, floor
    bool sides = false;
    // A hold (reps 0), reps with no hold (hold 0), or reps each held this long; per side.
    int holdSeconds = 0;
    int reps = 0;
    QStringList steps; // may name sides as {side} and {other} when `sides` (see SidedText.h)
    QString tip;
    QStringList cautions;
    QString illustration; // absolute path of the SVG
    QString source;
};

// A step of a routine: an exercise, or a short get-ready instruction.
struct RoutineStep {
    QString exerciseId;              // empty for a get-ready step
    QString title;                   // get-ready steps only
    QString text;                    // get-ready steps only
    std::chrono::seconds duration{}; // per side for a two-sided exercise
    // Get-ready steps only: absolute path of the SVG, or empty. Last, with an initializer,
    // so that {exercise, title, text, duration} still initializes a step.
    QString illustration{};
};

struct Routine {
    QString name; // the file name without .toml; what config and CLI use
    QString title;
    QString description;
    std::chrono::seconds switchDuration{5};
    QList<RoutineStep> steps;
    QString file;
    bool user = false; // from the user's routines folder
};

struct SafetyGuide {
    QStringList rules;
    struct RedFlag {
        QString title;
        QString text;
    };
    QList<RedFlag> redFlags;
};

// Everything a break can show, loaded and cross-checked.
struct Content {
    QList<Exercise> exercises;       // file order
    QMap<QString, Routine> routines; // by name
    SafetyGuide safety;
    QString illustrationsDir; // where routine files' get-ready pictures are looked up

    const Exercise* exercise(const QString& id) const;
    // The routine's length: steps summed, two-sided exercises twice plus one switch pause.
    std::chrono::seconds totalDuration(const Routine& routine) const;
};

} // namespace deskbreak::core
