#include "platform/gnome/GnomeBreakReminders.h"

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

struct SchemaUnref {
    void operator()(GSettingsSchema* schema) const { g_settings_schema_unref(schema); }
};
struct SchemaKeyUnref {
    void operator()(GSettingsSchemaKey* key) const { g_settings_schema_key_unref(key); }
};
struct ObjectUnref {
    void operator()(gpointer object) const { g_object_unref(object); }
};
struct StrvFree {
    void operator()(gchar** strv) const { g_strfreev(strv); }
};

void setWhy(QString* why, const QString& text)
{
    if (why)
        *why = text;
}

} // namespace

std::optional<bool> gnomeMovementBreaksOn(QString* why)
{
    // g_settings_new() aborts the process on a schema that is not installed: look first.
    GSettingsSchemaSource* source = g_settings_schema_source_get_default(); // not ours to free
    if (!source) {
        setWhy(why, QStringLiteral("no GSettings schemas are installed"));
        return std::nullopt;
    }
    const std::unique_ptr<GSettingsSchema, SchemaUnref> schema(
        g_settings_schema_source_lookup(source, kSchema, TRUE));
    if (!schema) {
        setWhy(why, QStringLiteral("GSettings schema %1 is not installed (GNOME older than 48, "
                                   "or another desktop)")
                        .arg(QLatin1String(kSchema)));
        return std::nullopt;
    }
    if (!g_settings_schema_has_key(schema.get(), kKey)) {
        setWhy(why, QStringLiteral("GSettings schema %1 has no key %2")
                        .arg(QLatin1String(kSchema), QLatin1String(kKey)));
        return std::nullopt;
    }
    // g_settings_get_strv() on a key of another type is a programming error to GLib.
    const std::unique_ptr<GSettingsSchemaKey, SchemaKeyUnref> key(
        g_settings_schema_get_key(schema.get(), kKey));
    if (!g_variant_type_equal(g_settings_schema_key_get_value_type(key.get()),
                              G_VARIANT_TYPE_STRING_ARRAY)) {
        setWhy(why, QStringLiteral("key %1 of GSettings schema %2 is not a list of strings")
                        .arg(QLatin1String(kKey), QLatin1String(kSchema)));
        return std::nullopt;
    }

    const std::unique_ptr<GSettings, ObjectUnref> settings(
        g_settings_new_full(schema.get(), nullptr, nullptr));
    const std::unique_ptr<gchar*, StrvFree> breaks(g_settings_get_strv(settings.get(), kKey));
    return g_strv_contains(breaks.get(), kMovement) != FALSE;
}

} // namespace deskbreak::platform
