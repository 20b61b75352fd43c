// The key that makes a Policy (duly/policy.hpp): the public header only declares it, so a host
// cannot build a Policy that skipped the checks; the loader can. Tests that need a policy of
// hand-made rule objects include this too.
#pragma once

#include <duly/policy.hpp>

namespace duly {

struct PolicyKey {
  explicit PolicyKey() = default;
};

}  // namespace duly
