/** hello-xapp: start with {@link io.jric.xapps.hello.HelloXapp}; the descriptor is {@code xapps/hello-xapp/xapp.json}. */
package io.jric.xapps.hello;
