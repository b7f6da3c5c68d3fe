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
    int holdSeconds = 0; // per side; 0 when counted in reps
    int reps = 0;
    QStringList steps;
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

    const Exercise* exercise(const QString& id) const;
    // The routine's length: steps summed, two-sided exercises twice plus one switch pause.
    std::chrono::seconds totalDuration(const Routine& routine) const;
};

} // namespace deskbreak::core
