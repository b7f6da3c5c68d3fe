#include "platform/gnome/GnomeDoNotDisturbDetector.h"

#include <QLibrary>
#include <QLoggingCategory>
#include <QTimer>

// GIO names a struct member `signals`, which Qt defines as a keyword.
#pragma push_macro("signals")
#undef signals
#include <gio/gio.h>
#pragma pop_macro("signals")

namespace deskbreak::platform {

namespace {

constexpr const char* kSchemaId = "org.gnome.desktop.notifications";
constexpr const char* kShowBanners = "show-banners";
// Bounds one drain of our main context: GSettings queues a notice per change, no more.
constexpr int kMaxDispatchesPerLook = 64;

// The few GIO and GLib calls this needs, from libgio loaded at the first watch: linked, it
// would be mapped (with GObject and the rest) into every daemon, GNOME or not.
struct GioCalls {
    decltype(&::g_settings_schema_source_get_default) defaultSchemaSource = nullptr;
    decltype(&::g_settings_schema_source_lookup) lookUpSchema = nullptr;
    decltype(&::g_settings_schema_unref) releaseSchema = nullptr;
    decltype(&::g_settings_schema_has_key) schemaHasKey = nullptr;
    decltype(&::g_settings_schema_get_key) schemaKey = nullptr;
    decltype(&::g_settings_schema_key_get_value_type) keyType = nullptr;
    decltype(&::g_settings_schema_key_unref) releaseKey = nullptr;
    decltype(&::g_variant_type_equal) sameType = nullptr;
    decltype(&::g_settings_new_full) newSettings = nullptr;
    decltype(&::g_settings_get_boolean) readBoolean = nullptr;
    decltype(&::g_object_unref) releaseObject = nullptr;
    decltype(&::g_main_context_new) newContext = nullptr;
    decltype(&::g_main_context_push_thread_default) pushContext = nullptr;
    decltype(&::g_main_context_pop_thread_default) popContext = nullptr;
    decltype(&::g_main_context_iteration) dispatchOnce = nullptr;
    // Ours, made once: GSettings and its backend queue their notices (file monitors,
    // dconf's change signals) in the context that was the thread's default when they were
    // made. Nobody else runs it, so each look drains it, and nothing piles up there.
    GMainContext* context = nullptr;
    QString failure;
};

template <typename Fn> bool resolve(QLibrary& library, Fn& fn, const char* symbol)
{
    fn = reinterpret_cast<Fn>(library.resolve(symbol));
    return fn != nullptr;
}

GioCalls loadGio()
{
    GioCalls gio;
    // Never unloaded: GIO and GLib keep global state, and threads of their own.
    QLibrary library(QStringLiteral("gio-2.0"), 0);
    if (!library.load()) {
        gio.failure = QStringLiteral("cannot load GIO (%1)").arg(library.errorString());
        return gio;
    }
    const bool complete =
        resolve(library, gio.defaultSchemaSource, "g_settings_schema_source_get_default") &&
        resolve(library, gio.lookUpSchema, "g_settings_schema_source_lookup") &&
        resolve(library, gio.releaseSchema, "g_settings_schema_unref") &&
        resolve(library, gio.schemaHasKey, "g_settings_schema_has_key") &&
        resolve(library, gio.schemaKey, "g_settings_schema_get_key") &&
        resolve(library, gio.keyType, "g_settings_schema_key_get_value_type") &&
        resolve(library, gio.releaseKey, "g_settings_schema_key_unref") &&
        resolve(library, gio.sameType, "g_variant_type_equal") &&
        resolve(library, gio.newSettings, "g_settings_new_full") &&
        resolve(library, gio.readBoolean, "g_settings_get_boolean") &&
        resolve(library, gio.releaseObject, "g_object_unref") &&
        resolve(library, gio.newContext, "g_main_context_new") &&
        resolve(library, gio.pushContext, "g_main_context_push_thread_default") &&
        resolve(library, gio.popContext, "g_main_context_pop_thread_default") &&
        resolve(library, gio.dispatchOnce, "g_main_context_iteration");
    if (!complete) {
        gio.failure = QStringLiteral("this GIO lacks a GSettings call this needs");
        return gio;
    }
    gio.context = gio.newContext();
    return gio;
}

const GioCalls& gioCalls()
{
    static const GioCalls gio = loadGio();
    return gio;
}

void drainContext(const GioCalls& gio)
{
    for (int i = 0; i < kMaxDispatchesPerLook && gio.dispatchOnce(gio.context, FALSE); ++i) {
    }
}

} // namespace

GnomeDoNotDisturbDetector::GnomeDoNotDisturbDetector(QObject* parent)
    : HoldDetector(parent)
    , m_lookTimer(new QTimer(this))
{
    m_lookTimer->setInterval(kLookIntervalMs);
    connect(m_lookTimer, &QTimer::timeout, this, &GnomeDoNotDisturbDetector::look);
}

GnomeDoNotDisturbDetector::~GnomeDoNotDisturbDetector()
{
    closeSettings();
}

QString GnomeDoNotDisturbDetector::looksAt() const
{
    return QStringLiteral(
        "GNOME's do not disturb (show-banners of org.gnome.desktop.notifications)");
}

void GnomeDoNotDisturbDetector::setWatching(bool on)
{
    if (on == m_watching)
        return;
    m_watching = on;
    m_active = false;
    if (!on) {
        m_lookTimer->stop();
        closeSettings();
        return;
    }
    if (!openSettings())
        return; // nothing to look at: no timer either
    m_active = readDoNotDisturb();
    m_lookTimer->start();
}

bool GnomeDoNotDisturbDetector::openSettings()
{
    const GioCalls& gio = gioCalls();
    if (!gio.failure.isEmpty()) {
        m_problems.report(name(), gio.failure + QStringLiteral(": not held"));
        return false;
    }
    // g_settings_new() would end the process for a schema not installed: look it up first.
    GSettingsSchemaSource* source = gio.defaultSchemaSource(); // GIO's, not to be freed
    GSettingsSchema* schema =
        source != nullptr ? gio.lookUpSchema(source, kSchemaId, TRUE) : nullptr;
    if (schema == nullptr) {
        m_problems.report(
            name(), QStringLiteral("GSettings schema %1 is not installed (not GNOME): not held")
                        .arg(QLatin1String(kSchemaId)));
        return false;
    }
    bool boolean = false;
    if (gio.schemaHasKey(schema, kShowBanners)) {
        GSettingsSchemaKey* key = gio.schemaKey(schema, kShowBanners);
        boolean = gio.sameType(gio.keyType(key), G_VARIANT_TYPE_BOOLEAN) != FALSE;
        gio.releaseKey(key);
    }
    if (!boolean) {
        gio.releaseSchema(schema);
        m_problems.report(name(),
                          QStringLiteral("GSettings schema %1 has no boolean key %2: not held")
                              .arg(QLatin1String(kSchemaId), QLatin1String(kShowBanners)));
        return false;
    }
    gio.pushContext(gio.context);
    m_settings = gio.newSettings(schema, nullptr, nullptr);
    gio.popContext(gio.context);
    gio.releaseSchema(schema);
    return m_settings != nullptr;
}

void GnomeDoNotDisturbDetector::closeSettings()
{
    if (m_settings == nullptr)
        return;
    const GioCalls& gio = gioCalls();
    // Also ends dconf's watch of the path on the session bus.
    gio.releaseObject(m_settings);
    m_settings = nullptr;
    drainContext(gio);
}

bool GnomeDoNotDisturbDetector::readDoNotDisturb()
{
    const GioCalls& gio = gioCalls();
    drainContext(gio); // the keyfile backend learns of changes from there
    return gio.readBoolean(static_cast<GSettings*>(m_settings), kShowBanners) == FALSE;
}

void GnomeDoNotDisturbDetector::look()
{
    if (!m_watching || m_settings == nullptr)
        return;
    const bool now = readDoNotDisturb();
    if (now == m_active)
        return;
    m_active = now;
    qCDebug(lcHold).noquote() << name() << (now ? "holds" : "holds no more");
    emit activeChanged(now);
}

} // namespace deskbreak::platform
