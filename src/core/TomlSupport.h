#pragma once

// Private to the core: helpers that turn toml++ nodes into values and every
// problem into a Diagnostic with the node's line and column.

#include "core/Diagnostic.h"

#include <QByteArray>
#include <QStringList>
#include <initializer_list>
#include <optional>
#include <string_view>
#include <toml++/toml.h>

namespace deskbreak::core {

// Reads a user-editable file: missing, not a regular file (a directory, FIFO or device),
// unreadable or oversized is a Diagnostic; never blocks on a special file.
std::optional<QByteArray> readTextFile(const QString& path, Diagnostics& out,
                                       qint64 maxBytes = qint64(1024) * 1024);

class TomlReader {
public:
    TomlReader(QString file, Diagnostics& out)
        : m_file(std::move(file))
        , m_out(out)
    {
    }

    // Parses TOML text; a syntax error becomes one Diagnostic at its position.
    std::optional<toml::table> parse(const QByteArray& text);

    void error(const toml::source_region& at, const QString& message);
    void note(const toml::source_region& at, const QString& message);
    void error(const QString& message); // about the whole file

    // Typed look-ups: a missing required key or a wrong type is reported at the right place.
    std::optional<QString> string(const toml::table& t, std::string_view key, bool required = true);
    std::optional<qint64> integer(const toml::table& t, std::string_view key, bool required = true);
    std::optional<bool> boolean(const toml::table& t, std::string_view key, bool required = true);
    std::optional<QStringList> stringList(const toml::table& t, std::string_view key,
                                          bool required = true);
    // Reports every key of `t` not in `known`, as "unknown key 'x' in [where]".
    void rejectUnknown(const toml::table& t, std::initializer_list<std::string_view> known,
                       const QString& where);

    const QString& file() const { return m_file; }

private:
    void missing(const toml::table& t, std::string_view key);
    void wrongType(const toml::node& n, std::string_view key, const char* expected);

    QString m_file;
    Diagnostics& m_out;
};

QString typeName(const toml::node& n);

} // namespace deskbreak::core
