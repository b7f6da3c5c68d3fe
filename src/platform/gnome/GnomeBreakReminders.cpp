#include "platform/gnome/GnomeBreakReminders.h"

#include <QLibrary>
#include <memory>

// GIO names a struct member `signals`, which Qt defines as a keyword.
#pragma push_macro("signals")
#undef signals
#include <gio/gio.h>
#pragma pop_macro("signals")

namespace deskbreak::platform {

namespace {

constexpr const char* kSchema = "org.gnome.desktop.break-reminders";
constexpr const char* kKey = "selected-breaks";
constexpr const char* kMovement = "movement";

// GIO is loaded when first asked, not linked: only GNOME sessions ask, and mapping it
// (with GObject, libmount, ...) would cost every other daemon about 0.7 MiB of PSS.
struct Gio {
// `name` is a declarator, which cannot be parenthesised.
#define DESKBREAK_GIO_FUNCTION(name)                                                               \
    decltype(&::name) name = nullptr // NOLINT(bugprone-macro-parentheses)
    DESKBREAK_GIO_FUNCTION(g_settings_schema_source_get_default);
    DESKBREAK_GIO_FUNCTION(g_settings_schema_source_lookup);
    DESKBREAK_GIO_FUNCTION(g_settings_schema_unref);
    DESKBREAK_GIO_FUNCTION(g_settings_schema_has_key);
    DESKBREAK_GIO_FUNCTION(g_settings_schema_get_key);
    DESKBREAK_GIO_FUNCTION(g_settings_schema_key_unref);
    DESKBREAK_GIO_FUNCTION(g_settings_schema_key_get_value_type);
    DESKBREAK_GIO_FUNCTION(g_variant_type_equal);
    DESKBREAK_GIO_FUNCTION(g_settings_new_full);
    DESKBREAK_GIO_FUNCTION(g_settings_get_strv);
    DESKBREAK_GIO_FUNCTION(g_strfreev);
    DESKBREAK_GIO_FUNCTION(g_strv_contains);
    DESKBREAK_GIO_FUNCTION(g_object_unref);
#undef DESKBREAK_GIO_FUNCTION
    QString error;
};

// The library stays loaded once loaded: GIO keeps global state and must not be unloaded.
const Gio& gio()
{
    static const Gio api = [] {
        Gio g;
        QLibrary lib(QStringLiteral("gio-2.0"), 0);
        if (!lib.load()) {
            g.error = QStringLiteral("GIO is not installed (%1)").arg(lib.errorString());
            return g;
        }
        bool all = true;
        const auto resolve = [&](auto& fn, const char* name) {
            fn = reinterpret_cast<std::remove_reference_t<decltype(fn)>>(lib.resolve(name));
            all = all && fn != nullptr;
        };
        resolve(g.g_settings_schema_source_get_default, "g_settings_schema_source_get_default");
        resolve(g.g_settings_schema_source_lookup, "g_settings_schema_source_lookup");
        resolve(g.g_settings_schema_unref, "g_settings_schema_unref");
        resolve(g.g_settings_schema_has_key, "g_settings_schema_has_key");
        resolve(g.g_settings_schema_get_key, "g_settings_schema_get_key");
        resolve(g.g_settings_schema_key_unref, "g_settings_schema_key_unref");
        resolve(g.g_settings_schema_key_get_value_type, "g_settings_schema_key_get_value_type");
        resolve(g.g_variant_type_equal, "g_variant_type_equal");
        resolve(g.g_settings_new_full, "g_settings_new_full");
        resolve(g.g_settings_get_strv, "g_settings_get_strv");
        resolve(g.g_strfreev, "g_strfreev");
        resolve(g.g_strv_contains, "g_strv_contains");
        resolve(g.g_object_unref, "g_object_unref");
        if (!all)
            g.error = QStringLiteral("this GIO lacks the GSettings schema API");
        return g;
    }();
    return api;
}

struct SchemaUnref {
    void operator()(GSettingsSchema* schema) const { gio().g_settings_schema_unref(schema); }
};
struct SchemaKeyUnref {
    void operator()(GSettingsSchemaKey* key) const { gio().g_settings_schema_key_unref(key); }
};
struct ObjectUnref {
    void operator()(gpointer object) const { gio().g_object_unref(object); }
};
struct StrvFree {
    void operator()(gchar** strv) const { gio().g_strfreev(strv); }
};

void setWhy(QString* why, const QString& text)
{
    if (why)
        *why = text;
}

} // namespace

std::optional<bool> gnomeMovementBreaksOn(QString* why)
{
    const Gio& g = gio();
    if (!g.error.isEmpty()) {
        setWhy(why, g.error);
        return std::nullopt;
    }
    // g_settings_new() aborts the process on a schema that is not installed: look first.
    GSettingsSchemaSource* source = g.g_settings_schema_source_get_default(); // not ours to free
    if (!source) {
        setWhy(why, QStringLiteral("no GSettings schemas are installed"));
        return std::nullopt;
    }
    const std::unique_ptr<GSettingsSchema, SchemaUnref> schema(
        g.g_settings_schema_source_lookup(source, kSchema, TRUE));
    if (!schema) {
        setWhy(why, QStringLiteral("GSettings schema %1 is not installed (GNOME older than 48, "
                                   "or another desktop)")
                        .arg(QLatin1String(kSchema)));
        return std::nullopt;
    }
    if (!g.g_settings_schema_has_key(schema.get(), kKey)) {
        setWhy(why, QStringLiteral("GSettings schema %1 has no key %2")
                        .arg(QLatin1String(kSchema), QLatin1String(kKey)));
        return std::nullopt;
    }
    // g_settings_get_strv() on a key of another type is a programming error to GLib.
    const std::unique_ptr<GSettingsSchemaKey, SchemaKeyUnref> key(
        g.g_settings_schema_get_key(schema.get(), kKey));
    if (!g.g_variant_type_equal(g.g_settings_schema_key_get_value_type(key.get()),
                                G_VARIANT_TYPE_STRING_ARRAY)) {
        setWhy(why, QStringLiteral("key %1 of GSettings schema %2 is not a list of strings")
                        .arg(QLatin1String(kKey), QLatin1String(kSchema)));
        return std::nullopt;
    }

    const std::unique_ptr<GSettings, ObjectUnref> settings(
        g.g_settings_new_full(schema.get(), nullptr, nullptr));
    const std::unique_ptr<gchar*, StrvFree> breaks(g.g_settings_get_strv(settings.get(), kKey));
    return g.g_strv_contains(breaks.get(), kMovement) != FALSE;
}

} // namespace deskbreak::platform
