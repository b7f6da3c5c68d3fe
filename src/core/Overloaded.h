#pragma once

namespace deskbreak::core {

// A set of lambdas as one visitor for std::visit, one per alternative: an alternative
// that none of them takes (a new effect, say) fails to compile.
template <typename... Handlers> struct Overloaded : Handlers... {
    using Handlers::operator()...;
};
template <typename... Handlers> Overloaded(Handlers...) -> Overloaded<Handlers...>;

} // namespace deskbreak::core
