# The install test (CTest `install`): installs the current build into a fresh prefix, builds
# examples/embed against it with find_package(duly), runs it and checks it printed the
# obligation it must. It proves that the installed headers, the exported duly::duly target and
# dulyConfig.cmake (asking only for spdlog: PEGTL and Boost stay private) are enough for a host
# program. Then the same example built with `pkg-config --cflags --libs duly` alone. Then a
# shared build (BUILD_SHARED_LIBS=ON, library and program only): its SONAME is versioned, it
# exports duly's symbols and no PEGTL ones, and the installed `duly` finds it by its RPATH.
#
# Run by CTest as: cmake -DBINARY_DIR=... -DSOURCE_DIR=... -DWORK_DIR=... -DGENERATOR=...
#   -DCXX_COMPILER=... -DBUILD_TYPE=... [-DLAUNCHER=ccache] -P install_test.cmake
foreach(var BINARY_DIR SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "install_test.cmake needs -D${var}=...")
  endif()
endforeach()
if(NOT BUILD_TYPE)
  set(BUILD_TYPE Release)
endif()

# Runs one command; any failure ends the test with the command's output.
function(run_step name)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE result OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${name} failed (${result}):\n${out}\n${err}")
  endif()
  set(step_output "${out}" PARENT_SCOPE)
endfunction()

file(REMOVE_RECURSE "${WORK_DIR}")
set(prefix "${WORK_DIR}/prefix")
set(example_build "${WORK_DIR}/embed-build")

run_step("cmake --install" ${CMAKE_COMMAND} --install "${BINARY_DIR}" --prefix "${prefix}"
         --config "${BUILD_TYPE}")
if(NOT EXISTS "${prefix}/include/duly/evaluate.hpp")
  message(FATAL_ERROR "the public headers were not installed under ${prefix}/include/duly")
endif()
# The Python package, among the interpreter's packages under the prefix, imports from there.
# (Its two statements are on two lines: a `;` would split the argument in two in ARGN.)
if(PYTHON_PACKAGES)
  if(NOT EXISTS "${prefix}/${PYTHON_PACKAGES}/duly/__init__.py")
    message(FATAL_ERROR "the Python package was not installed in ${prefix}/${PYTHON_PACKAGES}/duly")
  endif()
  run_step("importing the installed Python package" ${CMAKE_COMMAND} -E env
           "PYTHONPATH=${prefix}/${PYTHON_PACKAGES}" "${PYTHON}" -c
           "import duly\nprint(duly.load_policy('${SOURCE_DIR}/policies/camden.policy').name)")
  string(FIND "${step_output}" "Camden children's social care timescales" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "the installed Python package did not load a policy:\n${step_output}")
  endif()
endif()

set(configure_args -S "${SOURCE_DIR}/examples/embed" -B "${example_build}" -G "${GENERATOR}"
    "-DCMAKE_PREFIX_PATH=${prefix}" "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}"
    "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}")
if(LAUNCHER)
  list(APPEND configure_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run_step("configuring examples/embed" ${CMAKE_COMMAND} ${configure_args})
run_step("building examples/embed" ${CMAKE_COMMAND} --build "${example_build}" -j 1)

# Runs the example program `program` and checks it printed the obligations it must:
# 2024-03-04 + 15 working days is Monday 2024-03-25, so the ICPCC on the 27th is 2 days late;
# under the host's calendar, closed on Monday 11 March, it is due on the 26th.
function(check_example name program)
  run_step("running ${name}" "${program}")
  foreach(expected "C1 T14 from 2024-03-04 due 2024-03-25 late by 2 days"
      "with the host's calendar: C1 T14 from 2024-03-04 due 2024-03-26 late by 1 days")
    string(FIND "${step_output}" "${expected}" at)
    if(at EQUAL -1)
      message(FATAL_ERROR "${name}'s output lacks \"${expected}\":\n${step_output}")
    endif()
  endforeach()
endfunction()

find_program(embed NAMES embed PATHS "${example_build}" "${example_build}/${BUILD_TYPE}"
             NO_DEFAULT_PATH REQUIRED)
check_example("the example built with find_package" "${embed}")

file(READ "${prefix}/lib/cmake/duly/dulyTargets.cmake" targets)
if(targets MATCHES "pegtl|Boost")
  message(FATAL_ERROR "the installed duly::duly asks a host for PEGTL or Boost")
endif()

# pkg-config, for hosts built without CMake.
find_program(PKG_CONFIG NAMES pkg-config pkgconf REQUIRED)
set(ENV{PKG_CONFIG_PATH} "${prefix}/lib/pkgconfig")
run_step("pkg-config" "${PKG_CONFIG}" --cflags --libs duly)
string(STRIP "${step_output}" flags)
separate_arguments(flags UNIX_COMMAND "${flags}")
set(pc_embed "${WORK_DIR}/embed-pkg-config")
run_step("building examples/embed with pkg-config" "${CXX_COMPILER}" -O1
         "${SOURCE_DIR}/examples/embed/main.cpp" -o "${pc_embed}" ${flags})
check_example("the example built with pkg-config" "${pc_embed}")

# The shared library: built from the same sources (ccache makes it cheap), installed apart.
set(shared_build "${WORK_DIR}/shared-build")
set(shared_prefix "${WORK_DIR}/shared-prefix")
set(shared_args -S "${SOURCE_DIR}" -B "${shared_build}" -G "${GENERATOR}"
    "-DCMAKE_CXX_COMPILER=${CXX_COMPILER}" "-DCMAKE_BUILD_TYPE=${BUILD_TYPE}"
    -DBUILD_SHARED_LIBS=ON -DDULY_BUILD_TESTS=OFF -DDULY_INSTALL=ON)
if(LAUNCHER)
  list(APPEND shared_args "-DCMAKE_CXX_COMPILER_LAUNCHER=${LAUNCHER}")
endif()
run_step("configuring the shared build" ${CMAKE_COMMAND} ${shared_args})
run_step("building the shared library" ${CMAKE_COMMAND} --build "${shared_build}")
run_step("installing the shared build" ${CMAKE_COMMAND} --install "${shared_build}"
         --prefix "${shared_prefix}" --config "${BUILD_TYPE}")
set(library "${shared_prefix}/lib/libduly.so")
run_step("readelf" readelf -d "${library}")
if(NOT step_output MATCHES "Library soname: \\[libduly\\.so\\.[0-9]+\\.[0-9]+\\]")
  message(FATAL_ERROR "libduly.so has no versioned SONAME:\n${step_output}")
endif()
run_step("nm" nm -D -C --defined-only "${library}")
if(NOT step_output MATCHES "duly::load_policy")
  message(FATAL_ERROR "libduly.so does not export duly::load_policy")
endif()
if(step_output MATCHES "tao::pegtl|boost::")
  message(FATAL_ERROR "libduly.so exports PEGTL or Boost symbols")
endif()
# No LD_LIBRARY_PATH: the program finds the library beside it by its RPATH.
run_step("the installed shared duly" "${shared_prefix}/bin/duly" --version)
if(NOT step_output MATCHES "^duly [0-9]+\\.[0-9]+\\.[0-9]+")
  message(FATAL_ERROR "the installed duly printed no version: ${step_output}")
endif()
