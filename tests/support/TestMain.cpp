#define DOCTEST_CONFIG_IMPLEMENT
#include <QCoreApplication>
#include <QLocale>
#include <doctest/doctest.h>

// One main for every test binary: a fixed locale, and a QCoreApplication for the
// few Qt classes that want one.
int main(int argc, char** argv)
{
    qputenv("LC_ALL", "C.UTF-8");
    QLocale::setDefault(QLocale::c());
    QCoreApplication app(argc, argv);
    doctest::Context context(argc, argv);
    return context.run();
}
