#include "core/TomlSupport.h"

#include <QFile>
#include <QFileInfo>

namespace deskbreak::core {

namespace {
QString qs(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}
} // namespace

std::optional<QByteArray> readTextFile(const QString& path, Diagnostics& out, qint64 maxBytes)
{
    const QFileInfo info(path);
    auto fail = [&](const QString& msg) {
        out.append({path, 0, 0, msg});
        return std::nullopt;
    };
    if (!info.exists())
        return fail(QStringLiteral("no such file"));
    // Opening a FIFO blocks until a writer comes, and a device can stream forever.
    if (info.isDir())
        return fail(QStringLiteral("not a regular file (a directory)"));
    if (!info.isFile())
        return fail(QStringLiteral("not a regular file"));
    if (info.size() > maxBytes)
        return fail(
            QStringLiteral("file is larger than %1 KiB; this cannot be a config or content file")
                .arg(maxBytes / 1024));
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return fail(QStringLiteral("cannot read: %1").arg(f.errorString()));
    // Checked again on the open file (fstat): the path may have been replaced meanwhile.
    if (f.isSequential())
        return fail(QStringLiteral("not a regular file"));
    // Read one byte past the limit: the file may have grown since it was measured.
    QByteArray data = f.read(maxBytes + 1);
    if (data.size() > maxBytes)
        return fail(QStringLiteral("file is larger than %1 KiB").arg(maxBytes / 1024));
    return data;
}

std::optional<toml::table> TomlReader::parse(const QByteArray& text)
{
    if (text.contains('\0')) {
        const auto offset = text.indexOf('\0');
        const QByteArray before = text.left(offset);
        const int line = int(before.count('\n')) + 1;
        const int column = int(offset - (before.lastIndexOf('\n') + 1)) + 1;
        m_out.append({m_file, line, column,
                      QStringLiteral("TOML syntax: a NUL byte; this is not a text file")});
        return std::nullopt;
    }
    try {
        return toml::parse(std::string_view(text.constData(), size_t(text.size())),
                           std::string_view(m_file.toStdString()));
    } catch (const toml::parse_error& e) {
        m_out.append({m_file, int(e.source().begin.line), int(e.source().begin.column),
                      QStringLiteral("TOML syntax: %1").arg(qs(e.description()))});
        return std::nullopt;
    }
}

void TomlReader::error(const toml::source_region& at, const QString& message)
{
    m_out.append({m_file, int(at.begin.line), int(at.begin.column), message});
}

void TomlReader::note(const toml::source_region& at, const QString& message)
{
    m_out.append(
        {m_file, int(at.begin.line), int(at.begin.column), message, Diagnostic::Severity::Note});
}

void TomlReader::error(const QString& message)
{
    m_out.append({m_file, 1, 1, message});
}

void TomlReader::missing(const toml::table& t, std::string_view key)
{
    error(t.source(), QStringLiteral("missing key '%1'").arg(qs(key)));
}

void TomlReader::wrongType(const toml::node& n, std::string_view key, const char* expected)
{
    error(n.source(), QStringLiteral("'%1' must be %2, not %3")
                          .arg(qs(key), QLatin1String(expected), typeName(n)));
}

std::optional<QString> TomlReader::string(const toml::table& t, std::string_view key, bool required)
{
    const toml::node* n = t.get(key);
    if (!n) {
        if (required)
            missing(t, key);
        return std::nullopt;
    }
    if (const auto* s = n->as_string())
        return qs(s->get());
    wrongType(*n, key, "a string");
    return std::nullopt;
}

std::optional<qint64> TomlReader::integer(const toml::table& t, std::string_view key, bool required)
{
    const toml::node* n = t.get(key);
    if (!n) {
        if (required)
            missing(t, key);
        return std::nullopt;
    }
    if (const auto* i = n->as_integer())
        return qint64(i->get());
    wrongType(*n, key, "a whole number");
    return std::nullopt;
}

std::optional<bool> TomlReader::boolean(const toml::table& t, std::string_view key, bool required)
{
    const toml::node* n = t.get(key);
    if (!n) {
        if (required)
            missing(t, key);
        return std::nullopt;
    }
    if (const auto* b = n->as_boolean())
        return b->get();
    wrongType(*n, key, "true or false");
    return std::nullopt;
}

std::optional<QStringList> TomlReader::stringList(const toml::table& t, std::string_view key,
                                                  bool required)
{
    const toml::node* n = t.get(key);
    if (!n) {
        if (required)
            missing(t, key);
        return std::nullopt;
    }
    const auto* arr = n->as_array();
    if (!arr) {
        wrongType(*n, key, "a list of strings");
        return std::nullopt;
    }
    QStringList out;
    bool ok = true;
    for (const toml::node& item : *arr) {
        if (const auto* s = item.as_string()) {
            out.append(qs(s->get()));
        } else {
            error(
                item.source(),
                QStringLiteral("'%1' must hold only strings, not %2").arg(qs(key), typeName(item)));
            ok = false;
        }
    }
    return ok ? std::optional(out) : std::nullopt;
}

void TomlReader::rejectUnknown(const toml::table& t, std::initializer_list<std::string_view> known,
                               const QString& where)
{
    for (const auto& [k, v] : t) {
        bool isKnown = false;
        for (std::string_view name : known)
            isKnown = isKnown || k.str() == name;
        if (!isKnown)
            error(k.source(), QStringLiteral("unknown key '%1' in %2").arg(qs(k.str()), where));
    }
}

QString typeName(const toml::node& n)
{
    switch (n.type()) {
    case toml::node_type::string:
        return QStringLiteral("a string");
    case toml::node_type::integer:
        return QStringLiteral("a number");
    case toml::node_type::floating_point:
        return QStringLiteral("a decimal number");
    case toml::node_type::boolean:
        return QStringLiteral("true/false");
    case toml::node_type::array:
        return QStringLiteral("a list");
    case toml::node_type::table:
        return QStringLiteral("a table");
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time:
        return QStringLiteral("a date or time");
    case toml::node_type::none:
        break;
    }
    return QStringLiteral("nothing");
}

} // namespace deskbreak::core
